using System.Collections.Concurrent;

namespace Oversight.Access;

/// <summary>
/// Counts failed authentications per source address in fixed windows. An address over the limit has its
/// keys checked against the cache of already verified keys only, so guessing stops costing lookups while
/// callers whose keys were verified before keep working (on the platform every caller shares 127.0.0.1).
/// </summary>
public sealed class FailedAuthLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How long until the address may try unknown keys again; null when it may now.</summary>
    public TimeSpan? BlockedFor(string address)
    {
        if (!_windows.TryGetValue(address, out var current))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now >= current.Ends)
        {
            _windows.TryRemove(new KeyValuePair<string, Window>(address, current));
            return null;
        }
        return current.Failures >= limit ? current.Ends - now : null;
    }

    public void RecordFailure(string address)
    {
        var now = time.GetUtcNow();
        _windows.AddOrUpdate(
            address,
            _ => new Window(now + window, 1),
            (_, current) => now >= current.Ends ? new Window(now + window, 1) : current with { Failures = current.Failures + 1 });
        if (_windows.Count > 10_000)
        {
            // Bounded memory under a spray of addresses: forget windows that have ended.
            foreach (var (key, value) in _windows)
            {
                if (now >= value.Ends)
                {
                    _windows.TryRemove(new KeyValuePair<string, Window>(key, value));
                }
            }
        }
    }

    private sealed record Window(DateTimeOffset Ends, int Failures);
}
