using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Oversight.Rpc.Server.CallHandlers;

/// <summary>Gets the service instance for a call: from DI when registered, else created per call.</summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly ObjectFactory _factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    public TService Create(HttpContext http)
    {
        var registered = http.RequestServices.GetService<TService>();
        if (registered is not null)
        {
            return registered;
        }
        var created = (TService)_factory(http.RequestServices, null);
        if (created is IAsyncDisposable asyncDisposable)
        {
            http.Response.RegisterForDisposeAsync(asyncDisposable);
        }
        else if (created is IDisposable disposable)
        {
            http.Response.RegisterForDispose(disposable);
        }
        return created;
    }
}
