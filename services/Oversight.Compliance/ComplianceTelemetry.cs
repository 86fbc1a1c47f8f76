using System.Diagnostics.Metrics;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance;

/// <summary>
/// What compliance shows operators: findings produced by code and severity (a rule pack change shows at once), and
/// sweeps: runs by how they ended, reports checked, and how far the running ones are.
/// </summary>
public sealed class ComplianceTelemetry : IDisposable
{
    public const string MeterName = "Oversight.Compliance.Checks";

    private readonly Meter _meter;
    private readonly Counter<long> _findings;
    private readonly Counter<long> _sweepReports;
    private readonly Counter<long> _sweeps;
    private long _sweepDone;
    private long _sweepTotal;

    public ComplianceTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _findings = _meter.CreateCounter<long>("oversight.findings.produced", description: "Findings produced by checks, by code and severity");
        _sweepReports = _meter.CreateCounter<long>("oversight.sweep.reports", description: "Reports a sweep has gone through");
        _sweeps = _meter.CreateCounter<long>("oversight.sweep.runs", description: "Sweeps ended, by status");
        _meter.CreateObservableGauge("oversight.sweep.progress", () => Volatile.Read(ref _sweepTotal) is var total and > 0
            ? (double)Volatile.Read(ref _sweepDone) / total : 0, description: "Share of the running sweep's reports done (0 when none runs)");
    }

    public void Produced(IEnumerable<FindingRow> findings)
    {
        foreach (var group in findings.GroupBy(f => (f.Code, f.Severity)))
        {
            _findings.Add(group.Count(), new KeyValuePair<string, object?>("code", group.Key.Code),
                new KeyValuePair<string, object?>("severity", group.Key.Severity));
        }
    }

    public void SweepProgress(long done, long total, int batch)
    {
        _sweepReports.Add(batch);
        Volatile.Write(ref _sweepDone, done);
        Volatile.Write(ref _sweepTotal, total);
    }

    public void SweepEnded(string status)
    {
        _sweeps.Add(1, new KeyValuePair<string, object?>("status", status));
        Volatile.Write(ref _sweepTotal, 0);
    }

    public void Dispose() => _meter.Dispose();
}
