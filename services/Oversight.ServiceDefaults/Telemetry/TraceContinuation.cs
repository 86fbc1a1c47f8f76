using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Oversight.ServiceDefaults.Telemetry;

/// <summary>
/// Without an exporter, calls still carry their trace on: each request's activity (ASP.NET Core's) and the host's own
/// (the outbox's deliveries) are made with their ids, so logs name the trace and queued work continues the caller's,
/// but nothing is recorded or tagged. A trace is marked sampled as a parent-based, always-on sampler would (a new trace,
/// or a sampled caller's), so a downstream host that exports keeps it.
/// </summary>
internal sealed class TraceContinuation : IHostedService, IDisposable
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private readonly ActivityListener _listener;

    public TraceContinuation(string section)
    {
        var own = OversightTelemetry.SourceName(section);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AspNetCoreSource || source.Name == own,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            // A child takes its parent's flags; a new trace is sampled, as an always-on sampler would have it.
            ActivityStarted = activity =>
            {
                if (activity.ParentSpanId == default)
                {
                    activity.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
