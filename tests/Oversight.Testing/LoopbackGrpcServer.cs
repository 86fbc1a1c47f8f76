using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Rpc.Server;

namespace Oversight.Testing;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, HTTP/2 only, for tests and benchmarks.</summary>
public sealed class LoopbackGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackGrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LoopbackGrpcServer> StartAsync(
        Action<IApplicationBuilder> map,
        Action<GrpcServerOptions>? configureGrpc = null,
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
        builder.Services.AddGrpc(configureGrpc);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new LoopbackGrpcServer(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
