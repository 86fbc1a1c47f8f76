using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oversight.Rpc.Interceptors;

namespace Oversight.Rpc.Server;

/// <summary>What every Oversight host does the same way: one gRPC endpoint, logging and metrics interceptors, health and reflection.</summary>
public static class GrpcHostExtensions
{
    /// <summary>Reads "{section}:Endpoint" (Address, Port, CertificatePath …) and "{section}:Reflection" (default on).</summary>
    public static WebApplicationBuilder AddGrpcHost(this WebApplicationBuilder builder, string section, int defaultPort)
    {
        var endpoint = new GrpcEndpointOptions { Port = defaultPort };
        builder.Configuration.GetSection(section + ":Endpoint").Bind(endpoint);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            endpoint.ApplyTo(kestrel);
        });
        builder.Services.AddSingleton(endpoint);
        builder.Services.Configure<GrpcHostOptions>(builder.Configuration.GetSection(section));
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add(typeof(CallLoggingInterceptor));
            options.Interceptors.Add(typeof(CallMetricsInterceptor));
        });
        builder.Services.AddMetrics();
        return builder;
    }

    /// <summary>Health always; reflection unless switched off for production.</summary>
    public static IApplicationBuilder MapGrpcInfrastructure(this IApplicationBuilder app)
    {
        app.MapGrpcHealthService();
        if (app.ApplicationServices.GetRequiredService<IOptions<GrpcHostOptions>>().Value.Reflection)
        {
            app.MapGrpcReflectionService();
        }
        return app;
    }
}

public sealed class GrpcHostOptions
{
    /// <summary>Serve grpc.reflection (v1 and v1alpha) so tools can discover the API.</summary>
    public bool Reflection { get; set; } = true;
}
