using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.ServiceDefaults.Hosting;

namespace Oversight.Testing;

/// <summary>A real Kestrel server with grpc-dotnet on 127.0.0.1 with a free port, HTTP/2 only, for tests and benchmarks.</summary>
public sealed class LoopbackGrpcServer : IAsyncDisposable
{
    private readonly RunningHost _host;

    private LoopbackGrpcServer(RunningHost host)
    {
        _host = host;
    }

    public Uri Address => _host.Address;

    public IServiceProvider Services => _host.Services;

    public static async Task<LoopbackGrpcServer> StartAsync(
        Action<WebApplication> map,
        Action<GrpcServiceOptions>? configureGrpc = null,
        Action<IServiceCollection>? configureServices = null,
        ILoggerProvider? logger = null,
        GrpcEndpointOptions? endpoint = null,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? configureKestrel = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logger is not null)
        {
            builder.Logging.AddProvider(logger);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }
        var listen = endpoint ?? new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0 };
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            listen.ApplyTo(kestrel);
            configureKestrel?.Invoke(kestrel);
        });
        builder.Services.AddGrpc(options => configureGrpc?.Invoke(options));
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(options => options.Services.Map("", _ => true))
            .AddCheck("loopback", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        configureServices?.Invoke(builder.Services);
        return new LoopbackGrpcServer(await RunningHost.StartAsync(builder, map));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
