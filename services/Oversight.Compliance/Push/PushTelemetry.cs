using System.Diagnostics.Metrics;

namespace Oversight.Compliance.Push;

/// <summary>Meter "Oversight.Compliance.Push": deliveries sent and failed by format and event type, subscriptions paused for failing.</summary>
public sealed class PushTelemetry : IDisposable
{
    public const string MeterName = "Oversight.Compliance.Push";

    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _paused;

    public PushTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _delivered = _meter.CreateCounter<long>("oversight.push.delivered", description: "Deliveries a receiver took, by format and event type");
        _failed = _meter.CreateCounter<long>("oversight.push.failed", description: "Delivery attempts that failed, by format and event type");
        _paused = _meter.CreateCounter<long>("oversight.push.paused", description: "Subscriptions paused because their deliveries kept failing");
    }

    public void Delivered(string format, string eventType) => _delivered.Add(1, Tags(format, eventType));

    public void Failed(string format, string eventType) => _failed.Add(1, Tags(format, eventType));

    public void Paused() => _paused.Add(1);

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(string format, string eventType) =>
        new KeyValuePair<string, object?>[] { new("format", format), new("event_type", eventType) };

    public void Dispose() => _meter.Dispose();
}
