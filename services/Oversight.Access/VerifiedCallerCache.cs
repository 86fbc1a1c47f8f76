using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Oversight.Access;

/// <summary>
/// Keys verified recently, so a call costs a hash and a lookup rather than a database read or a remote call.
/// Entries live for the configured time (never past the key's expiry); revoking a key removes it here at
/// once and, in services that verify remotely, within that time. Held by a hash of the key, not the key.
/// </summary>
public sealed class VerifiedCallerCache(TimeSpan timeToLive, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Caller? Find(string token)
    {
        var key = KeyOf(token);
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        if (time.GetUtcNow() < entry.Until)
        {
            return entry.Caller;
        }
        _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        return null;
    }

    public void Add(string token, Caller caller, DateTimeOffset? expiresAt)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        var until = time.GetUtcNow() + timeToLive;
        _entries[KeyOf(token)] = new Entry(caller, expiresAt is { } expiry && expiry < until ? expiry : until);
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

    private static string KeyOf(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToBase64String(hash);
    }

    private sealed record Entry(Caller Caller, DateTimeOffset Until);
}
