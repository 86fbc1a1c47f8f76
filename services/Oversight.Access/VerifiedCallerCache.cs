using System.Collections.Concurrent;

namespace Oversight.Access;

/// <summary>
/// Keys verified recently, so a call costs a hash and a lookup rather than a database read or a remote call.
/// Entries live for the configured time (never past the key's expiry); revoking a key removes it here at
/// once and, in services that verify remotely, within that time. Verified keys are held in memory for that
/// time, as each request holds its own; they are never written anywhere.
/// </summary>
public sealed class VerifiedCallerCache
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly TimeSpan _timeToLive;
    private readonly TimeProvider _time;

    public VerifiedCallerCache(TimeSpan timeToLive, TimeProvider time)
    {
        _timeToLive = timeToLive;
        _time = time;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Caller? Find(string token) => Find(token.AsSpan());

    /// <summary>Looks a key up straight from the header's characters (no string made per call).</summary>
    public Caller? Find(ReadOnlySpan<char> token)
    {
        if (!_bySpan.TryGetValue(token, out var entry))
        {
            return null;
        }
        if (_time.GetUtcNow() < entry.Until)
        {
            return entry.Caller;
        }
        _bySpan.TryRemove(token, out _);
        return null;
    }

    public void Add(string token, Caller caller, DateTimeOffset? expiresAt)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        var until = _time.GetUtcNow() + _timeToLive;
        _entries[token] = new Entry(caller, expiresAt is { } expiry && expiry < until ? expiry : until);
    }

    public void Remove(string keyId)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Caller.KeyId == keyId)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(Caller Caller, DateTimeOffset Until);
}
