using System.Diagnostics;
using System.Diagnostics.Metrics;
using Oversight.Ingestion.Storage;
using Oversight.ServiceDefaults.Telemetry;

namespace Oversight.Ingestion.Outbox;

/// <summary>
/// What the outbox shows operators: one span per delivery, continuing the trace of the call that stored the report;
/// deliveries and failures by target; the backlog and the age of its oldest notification (sampled at most every 5 s,
/// so the gauges never cost a query per scrape).
/// </summary>
public sealed class OutboxTelemetry : IDisposable
{
    public const string MeterName = "Oversight.Ingestion.Outbox";

    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly ActivitySource Source = new(OversightTelemetry.SourceName(Extensions.Section));

    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private long _pending;
    private double _oldestAgeSeconds;
    private DateTimeOffset _sampledAt = DateTimeOffset.MinValue;

    public OutboxTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _delivered = _meter.CreateCounter<long>("oversight.outbox.delivered", description: "Notifications delivered");
        _failed = _meter.CreateCounter<long>("oversight.outbox.failed", description: "Delivery attempts that failed and were rescheduled");
        _meter.CreateObservableGauge("oversight.outbox.pending", () => Volatile.Read(ref _pending), description: "Notifications not yet delivered");
        _meter.CreateObservableGauge("oversight.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), unit: "s",
            description: "Age of the oldest undelivered notification");
    }

    public static Activity? StartDelivery(OutboxMessage message)
    {
        var activity = OversightTelemetry.Continue(Source, "outbox deliver " + message.Target, message.TraceParent, ActivityKind.Producer);
        activity?.SetTag("oversight.report_id", message.ReportId);
        activity?.SetTag("oversight.revision", message.Revision);
        activity?.SetTag("oversight.outbox.attempt", message.Attempts + 1);
        return activity;
    }

    public void Delivered(string target) => _delivered.Add(1, new KeyValuePair<string, object?>("target", target));

    public void Failed(string target) => _failed.Add(1, new KeyValuePair<string, object?>("target", target));

    public async Task SampleAsync(OutboxStore outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _sampledAt < SampleEvery)
        {
            return;
        }
        _sampledAt = now;
        var (pending, oldest) = await outbox.BacklogAsync(cancellationToken);
        Volatile.Write(ref _pending, pending);
        Volatile.Write(ref _oldestAgeSeconds, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
    }

    public void Dispose() => _meter.Dispose();
}
