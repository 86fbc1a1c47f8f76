using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Oversight.ServiceDefaults.Hosting;

namespace Oversight.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for one host: traces of its calls and its own work (source "Oversight.{Section}"), its meters
/// ("Oversight.*": calls, outbox backlog, sweeps, findings) and logs that carry the trace and span ids. Exported over
/// OTLP when "Telemetry:OtlpEndpoint" (or OTEL_EXPORTER_OTLP_ENDPOINT) is set, and scraped by Prometheus from
/// "{Section}:Telemetry:PrometheusPort" (HTTP/1.1, /metrics; on "{Section}:Telemetry:PrometheusAddress" when set) when that is set.
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddServiceTelemetry(this WebApplicationBuilder builder, string section, TelemetryOptions options)
    {
        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } configured
            ? configured : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var exportOtlp = !string.IsNullOrWhiteSpace(otlp);
        builder.Logging.Configure(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("oversight-" + section.ToLowerInvariant()));
        if (exportOtlp)
        {
            // Only with an exporter does the tracer listen: with nowhere to send, it would still record and tag an
            // activity per call. Without one, TraceContinuation keeps the trace ids going and records nothing.
            telemetry.WithTracing(tracing => tracing.AddSource(OversightTelemetry.SourceName(section))
                // No filter per host: a filter that declines an activity clears its sampled flag for every listener, so
                // in the platform (three hosts, one process) it would cut the others' traces. Only scrapes are left out.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => options.PrometheusPort == 0 || http.Connection.LocalPort != options.PrometheusPort)
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp!)));
        }
        else
        {
            builder.Services.AddHostedService(_ => new TraceContinuation(section));
        }
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(CallTelemetryInterceptor.MeterName, OversightTelemetry.SourceName(section) + ".*");
            if (exportOtlp)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp!));
            }
            if (options.PrometheusPort > 0)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (options.PrometheusPort > 0)
        {
            builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ScrapePortOnly(options.PrometheusPort));
        }
        if (exportOtlp)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeScopes = true;
                logging.AddOtlpExporter(o => o.Endpoint = new Uri(otlp!));
            });
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint on its own HTTP/1.1 port, when one is set, and beside it <c>/healthz</c>: the host's
    /// own health (its database, not stopping; never a dependency's) as 200 or 503, for probes that cannot speak gRPC over
    /// TLS (the kubelet's gRPC probe is cleartext only).
    /// </summary>
    public static WebApplication MapServiceTelemetry(this WebApplication app, TelemetryOptions options)
    {
        if (options.PrometheusPort > 0)
        {
            app.MapPrometheusScrapingEndpoint().RequireHost($"*:{options.PrometheusPort}");
            app.MapHealthChecks(HealthPath, new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
            {
                Predicate = r => !r.Tags.Contains(Health.DependencyHealthCheck.Tag),
            }).RequireHost($"*:{options.PrometheusPort}");
        }
        return app;
    }

    /// <summary>The host's own health over HTTP/1.1 on the scrape port.</summary>
    public const string HealthPath = "/healthz";

    // First in the pipeline: the scrape port serves /metrics and /healthz and nothing else (no gRPC method, no access check).
    private sealed class ScrapePortOnly(int port) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, call) =>
            {
                if (http.Connection.LocalPort == port && !http.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal)
                    && !http.Request.Path.Equals(HealthPath, StringComparison.Ordinal))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await call(http);
            });
            next(app);
        };
    }
}

/// <summary>Bound from "{Section}:Telemetry".</summary>
public sealed class TelemetryOptions
{
    /// <summary>Port of the Prometheus scrape endpoint (HTTP/1.1, /metrics, and /healthz); 0 for none.</summary>
    public int PrometheusPort { get; set; }

    /// <summary>
    /// The address the scrape port listens on; empty for the gRPC endpoint's. In a pod, the pod's own IP (the downward
    /// API's status.podIP) keeps it off every other interface while the gRPC endpoint listens on all of them.
    /// </summary>
    public string PrometheusAddress { get; set; } = "";

    public System.Net.IPAddress PrometheusListenAddress(System.Net.IPAddress endpoint) =>
        string.IsNullOrWhiteSpace(PrometheusAddress) ? endpoint : System.Net.IPAddress.Parse(PrometheusAddress);
}
