using System.Collections.Concurrent;

namespace Oversight.Access;

/// <summary>
/// Counts failed authentications in fixed windows, per source address and per presented key id. Neither count
/// refuses a key unchecked on its own: an address over the limit (every caller behind a gateway or NAT shares one)
/// has its unknown keys verified one at a time (<see cref="AddressGate"/>) and its failures answered as rate
/// limited; a key id over the limit is refused unchecked, except with a key this process verified before
/// (<see cref="TokenMemory"/>), so guessing one key's secret cannot lock its holder out.
/// </summary>
public sealed class FailedAuthLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private const int MaxWindows = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Keys seen verified (a day) and refused (a window).</summary>
    public TokenMemory Tokens { get; } = new(TimeSpan.FromDays(1), window, time);

    /// <summary>One lookup at a time for each address over the limit.</summary>
    public AddressGate Gate { get; } = new();

    /// <summary>How long until the address is under the limit again; null when it is now.</summary>
    public TimeSpan? BlockedFor(string address) => Over("a:" + address);

    /// <summary>How long until the key id is under the limit again; null when it is now.</summary>
    public TimeSpan? KeyBlockedFor(string keyId) => keyId.Length == 0 ? null : Over("k:" + keyId);

    /// <summary>One failure from <paramref name="address"/>, with <paramref name="keyId"/> when the key had one.</summary>
    public void RecordFailure(string address, string keyId = "")
    {
        Count("a:" + address);
        if (keyId.Length > 0)
        {
            Count("k:" + keyId);
        }
    }

    private TimeSpan? Over(string key)
    {
        if (!_windows.TryGetValue(key, out var current))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now >= current.Ends)
        {
            _windows.TryRemove(new KeyValuePair<string, Window>(key, current));
            return null;
        }
        return current.Failures >= limit ? current.Ends - now : null;
    }

    private void Count(string key)
    {
        var now = time.GetUtcNow();
        _windows.AddOrUpdate(
            key,
            _ => new Window(now + window, 1),
            (_, current) => now >= current.Ends ? new Window(now + window, 1) : current with { Failures = current.Failures + 1 });
        if (_windows.Count > MaxWindows)
        {
            // Bounded memory under a spray of addresses and key ids: forget windows that have ended.
            foreach (var (name, value) in _windows)
            {
                if (now >= value.Ends)
                {
                    _windows.TryRemove(new KeyValuePair<string, Window>(name, value));
                }
            }
        }
    }

    private sealed record Window(DateTimeOffset Ends, int Failures);
}
