using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Health;
using Oversight.ServiceDefaults.Paging;
using Oversight.ServiceDefaults.Telemetry;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>What every Oversight host does the same way on grpc-dotnet: one endpoint, telemetry, health, reflection, page tokens.</summary>
public static class ServiceHostExtensions
{
    /// <summary>
    /// Reads "{section}:Endpoint" (Address, Port, CertificatePath …), "{section}:Reflection" (default on) and
    /// "{section}:MaxReceiveMessageSize", "{section}:ShutdownGrace" (default 10 s), "{section}:OpenApi" (default on); health
    /// is served for the host ("") and for each of <paramref name="services"/>, from the host's registered health checks
    /// (its database, and whether it is shutting down).
    /// </summary>
    public static WebApplicationBuilder AddServiceHost(this WebApplicationBuilder builder, string section, int defaultPort, params ServiceDescriptor[] services)
    {
        var endpoint = new GrpcEndpointOptions { Port = defaultPort };
        builder.Configuration.GetSection(section + ":Endpoint").Bind(endpoint);
        var host = new ServiceHostOptions { Section = section };
        builder.Configuration.GetSection(section).Bind(host);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            host.Connections.ApplyTo(kestrel);
            endpoint.ApplyTo(kestrel);
            endpoint.ApplyHttp1To(kestrel);
            if (host.Telemetry.PrometheusPort > 0)
            {
                // Prometheus scrapes over HTTP/1.1; the gRPC endpoint speaks HTTP/2 only.
                kestrel.Listen(host.Telemetry.PrometheusListenAddress(endpoint.ListenAddress), host.Telemetry.PrometheusPort,
                    listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1);
            }
        });
        builder.AddServiceTelemetry(section, host.Telemetry);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton(Options.Create(host));
        // Kubernetes waits 30 s after SIGTERM before SIGKILL: in-flight calls get the grace, then are abandoned.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(options => options.ShutdownTimeout = host.ShutdownGrace);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = host.MaxReceiveMessageSize;
            options.MaxSendMessageSize = host.MaxSendMessageSize;
            options.Interceptors.Add<CallTelemetryInterceptor>();
            options.Interceptors.Add<JsonReasonHeaderInterceptor>();
            options.Interceptors.Add<FieldLengthInterceptor>();
            options.Interceptors.Add<StreamIdleInterceptor>();
        }).AddJsonTranscoding(json =>
        {
            json.TypeRegistry = Refusals.DetailTypes;
            // The protobuf JSON mapping: 64-bit integers as strings, which JavaScript and JSON parsers keep exact.
            json.JsonSettings.WriteInt64sAsStrings = true;
        });
        if (host.OpenApi)
        {
            // Before the strict binder takes grpc-dotnet's place: AddGrpcSwagger calls AddGrpc, which would add it back.
            builder.Services.AddServiceOpenApi(section);
        }
        builder.Services.AddStrictRequests();
        // Registered, grpc-dotnet takes each interceptor from the container; unregistered, it builds one per call (its
        // constructor's services resolved from the request's scope every time). None of them keeps per-call state.
        builder.Services.AddSingleton<CallTelemetryInterceptor>();
        builder.Services.AddSingleton<JsonReasonHeaderInterceptor>();
        builder.Services.AddSingleton<FieldLengthInterceptor>();
        builder.Services.AddSingleton<StreamIdleInterceptor>();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(options =>
        {
            // The host and its own services: its checks (database, shutdown), never a dependency's, so that a down
            // ingestion does not take metrics out of rotation for what it can still answer.
            foreach (var name in services.Select(s => s.FullName).Prepend(""))
            {
                options.Services.Map(name, r => !r.Tags.Contains(DependencyHealthCheck.Tag));
            }
        }).AddCheck<ShutdownHealthCheck>("shutdown");
        builder.Services.Configure<PagingOptions>(builder.Configuration.GetSection(PagingOptions.Section));
        builder.Services.TryAddSingleton<PageTokens>();
        builder.Services.AddHostedService<PageTokenKeyCheck>();
        builder.Services.AddMetrics();
        return builder;
    }

    /// <summary>Health always; reflection (v1 and v1alpha) and the OpenAPI document with its page unless switched off for production.</summary>
    public static WebApplication MapServiceInfrastructure(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapServiceTelemetry(app.Services.GetRequiredService<IOptions<ServiceHostOptions>>().Value.Telemetry);
        var host = app.Services.GetRequiredService<IOptions<ServiceHostOptions>>().Value;
        if (host.Reflection)
        {
            app.MapGrpcReflectionService();
        }
        if (host.OpenApi)
        {
            app.MapServiceOpenApi(host.Section);
        }
        return app;
    }
}

/// <summary>Bound from a service's section ("Ingestion", "Metrics", "Compliance").</summary>
public sealed class ServiceHostOptions
{
    /// <summary>Serve grpc.reflection (v1 and v1alpha) so tools can discover the API.</summary>
    public bool Reflection { get; set; } = true;

    /// <summary>The configuration section (and name) of the host: "Ingestion", "Metrics", "Compliance".</summary>
    public string Section { get; init; } = "";

    /// <summary>Serve the OpenAPI document of the HTTP/JSON routes (/openapi/v1.json) and its page (/docs).</summary>
    public bool OpenApi { get; set; } = true;

    /// <summary>Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a stopping host lets in-flight calls and background work finish before abandoning them.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response message sent.</summary>
    public int MaxSendMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>A stream that neither sends nor reads for this long is ended (STREAM_IDLE).</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>"{Section}:Connections": connections held at once, per host and per source address.</summary>
    public ConnectionLimitOptions Connections { get; set; } = new();

    /// <summary>"{Section}:Telemetry": the Prometheus scrape port.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();
}
