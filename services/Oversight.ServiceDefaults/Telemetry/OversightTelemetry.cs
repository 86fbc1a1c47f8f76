using System.Diagnostics;

namespace Oversight.ServiceDefaults.Telemetry;

/// <summary>
/// Trace context across what a call does not carry by itself: work queued in a database (the outbox) continues the
/// trace of the call that queued it, from the W3C traceparent kept beside the work.
/// </summary>
public static class OversightTelemetry
{
    /// <summary>Each service's own activity source and meters are named "Oversight.{Section}…" ("Oversight.Ingestion").</summary>
    public static string SourceName(string section) => "Oversight." + section;

    /// <summary>The current activity's W3C traceparent ("00-…-…-01"), to store beside queued work; null outside any trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Starts an activity that continues the trace <paramref name="traceParent"/> names (a new trace when it names none).</summary>
    public static Activity? Continue(ActivitySource source, string name, string? traceParent, ActivityKind kind = ActivityKind.Internal) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? source.StartActivity(name, kind, parent)
            : source.StartActivity(name, kind);
}
