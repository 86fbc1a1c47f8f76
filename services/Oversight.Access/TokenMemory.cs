using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Oversight.Access;

/// <summary>
/// Keys this process has seen verified, and keys it has seen refused, by a SHA-256 digest (never the key itself).
/// A refused key can never become valid (a secret exists only from its key's creation on, and a revoked or expired
/// key stays so), so it is refused again without a lookup for a while. A key seen verified passes the per-key-id
/// failure limit; it is still verified (revocation and expiry apply as ever).
/// </summary>
public sealed class TokenMemory(TimeSpan rememberVerified, TimeSpan rememberRefused, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _good = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _bad = new(StringComparer.Ordinal);

    public bool WasVerified(string token) => Find(_good, token) is not null;

    /// <summary>The refusal reason a key got before, or null.</summary>
    public string? RefusedBefore(string token) => Find(_bad, token)?.Reason;

    public void Verified(string token) => Put(_good, token, "", rememberVerified);

    public void Refused(string token, string reason) => Put(_bad, token, reason, rememberRefused);

    private Entry? Find(ConcurrentDictionary<string, Entry> entries, string token)
    {
        var digest = Digest(token);
        if (!entries.TryGetValue(digest, out var entry))
        {
            return null;
        }
        if (time.GetUtcNow() < entry.Until)
        {
            return entry;
        }
        entries.TryRemove(digest, out _);
        return null;
    }

    private void Put(ConcurrentDictionary<string, Entry> entries, string token, string reason, TimeSpan remember)
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
        entries[Digest(token)] = new Entry(time.GetUtcNow() + remember, reason);
    }

    private static string Digest(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Entry(DateTimeOffset Until, string Reason);
}
