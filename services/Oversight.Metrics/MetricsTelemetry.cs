using System.Diagnostics.Metrics;

namespace Oversight.Metrics;

/// <summary>What the metrics service shows operators beside its calls: reports whose figures stopped at the bound.</summary>
public sealed class MetricsTelemetry : IDisposable
{
    public const string MeterName = "Oversight.Metrics.Analysis";

    private readonly Meter _meter;
    private readonly Counter<long> _truncated;

    public MetricsTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _truncated = _meter.CreateCounter<long>("oversight.analysis.truncated",
            description: "Report revisions analysed whose figures stopped at Metrics:MaxFiguresPerReport");
    }

    public void Truncated() => _truncated.Add(1);

    public void Dispose() => _meter.Dispose();
}
