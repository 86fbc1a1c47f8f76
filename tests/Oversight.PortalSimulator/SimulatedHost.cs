using System.Collections.Concurrent;

namespace Oversight.PortalSimulator;

/// <summary>
/// One simulated portal: its own port on 127.0.0.1 (so its address is its own host for the watcher's per-host limits),
/// its paths, its robots.txt and every request it received, with the most it served at once.
/// </summary>
public sealed class SimulatedHost(int port)
{
    private readonly ConcurrentDictionary<string, SimulatedResource> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RequestRecord> _requests = new();
    private int _inFlight;
    private int _peakInFlight;

    public int Port { get; } = port;

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>robots.txt as served; null answers 404 (no rules).</summary>
    public string? Robots { get; set; }

    public IReadOnlyCollection<RequestRecord> Requests => _requests;

    /// <summary>The most requests this host was serving at the same moment.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Serves <paramref name="resource"/> at <paramref name="pathAndQuery"/> (from "/"), replacing what was there.</summary>
    public SimulatedHost Put(string pathAndQuery, SimulatedResource resource)
    {
        _resources[pathAndQuery] = resource;
        return this;
    }

    public SimulatedResource? Find(string pathAndQuery, string path) =>
        _resources.GetValueOrDefault(pathAndQuery) ?? _resources.GetValueOrDefault(path);

    public Uri this[string pathAndQuery] => new(Address, pathAndQuery);

    internal void Record(RequestRecord request) => _requests.Enqueue(request);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = _peakInFlight; now > peak; peak = _peakInFlight)
        {
            if (Interlocked.CompareExchange(ref _peakInFlight, now, peak) == peak)
            {
                break;
            }
        }
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);
}
