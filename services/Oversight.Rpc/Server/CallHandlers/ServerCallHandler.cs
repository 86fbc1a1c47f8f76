using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Oversight.Rpc.Server.CallHandlers;

/// <summary>What every call handler of a server shares.</summary>
internal sealed record CallHandlerServices(GrpcServerOptions Options, ServerInterceptor[] Interceptors, ILoggerFactory LoggerFactory, TimeProvider TimeProvider);

/// <summary>Validates the HTTP request, runs the interceptors and the method, and ends the call with a status.</summary>
internal abstract class ServerCallHandler
{
    private readonly CallHandlerServices _services;
    private readonly ILogger _logger;
    private readonly Func<ServerCallContext, Task> _pipeline;

    protected ServerCallHandler(string path, CallHandlerServices services)
    {
        Path = path;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger("Oversight.Rpc.Server");
        Func<ServerCallContext, Task> pipeline = context => HandleCoreAsync((HttpContextServerCallContext)context);
        for (var i = services.Interceptors.Length - 1; i >= 0; i--)
        {
            var next = pipeline;
            var interceptor = services.Interceptors[i];
            pipeline = context => interceptor.InterceptAsync(context, next);
        }
        _pipeline = pipeline;
    }

    public string Path { get; }

    public async Task HandleCallAsync(HttpContext http)
    {
        if (!RequestValidation.Validate(http, _logger))
        {
            return;
        }
        var call = new HttpContextServerCallContext(http, Path, _services.Options, _logger, _services.TimeProvider);
        try
        {
            call.Initialize();
            await _pipeline(call).ConfigureAwait(false);
            await call.EndCallAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await call.ProcessHandlerErrorAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            call.Dispose();
        }
    }

    protected abstract Task HandleCoreAsync(HttpContextServerCallContext call);
}
