using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Oversight.ServiceDefaults.Clients;

public static class ServiceClientExtensions
{
    /// <summary>
    /// A typed client of another Oversight service from the client factory: its address read when the client is
    /// first made (so a host may learn it after starting), this service's identity (<see cref="IServiceIdentity"/>)
    /// for key and TLS, and a default deadline on every call.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, Func<IServiceProvider, string?> address)
        where TClient : ClientBase =>
        services.AddGrpcClient<TClient>((sp, options) =>
            {
                if (address(sp) is { Length: > 0 } configured)
                {
                    options.Address = new Uri(configured);
                }
            })
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IServiceIdentity>().Transport.CreateHandler())
            .ConfigureChannel((sp, channel) =>
            {
                if (address(sp) is { Length: > 0 } configured)
                {
                    sp.GetRequiredService<IServiceIdentity>().Transport.Configure(new Uri(configured), channel);
                }
            })
            .AddInterceptor(sp => new CallDefaultsInterceptor(
                CallDefaults.For(sp.GetRequiredService<IServiceIdentity>().Credentials), sp.GetRequiredService<TimeProvider>()));
}
