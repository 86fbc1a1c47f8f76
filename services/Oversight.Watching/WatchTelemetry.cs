using System.Diagnostics.Metrics;

namespace Oversight.Watching;

/// <summary>
/// Meter "Oversight.Watching": fetches by outcome (ok, not_modified, failed, disallowed, host_skipped), reports by outcome
/// (submitted, unchanged, rejected, failed), passes by status, and hosts reported failing.
/// </summary>
public sealed class WatchTelemetry : IDisposable
{
    public const string MeterName = "Oversight.Watching";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _fetches;
    private readonly Counter<long> _reports;
    private readonly Counter<long> _passes;
    private readonly Counter<long> _failingHosts;

    public WatchTelemetry()
    {
        _fetches = _meter.CreateCounter<long>("oversight.watch.fetches", description: "Requests to portals, by outcome");
        _reports = _meter.CreateCounter<long>("oversight.watch.reports", description: "Report articles looked at, by outcome");
        _passes = _meter.CreateCounter<long>("oversight.watch.passes", description: "Watch passes, by status");
        _failingHosts = _meter.CreateCounter<long>("oversight.watch.hosts_failing", description: "Hosts skipped after failing repeatedly");
    }

    public void Fetch(string outcome) => _fetches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Report(string outcome) => _reports.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Pass(string status) => _passes.Add(1, new KeyValuePair<string, object?>("status", status));

    public void HostFailing() => _failingHosts.Add(1);

    public void Dispose() => _meter.Dispose();
}
