using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Storage;

namespace Oversight.Compliance.Access;

/// <summary>Issues, verifies and revokes keys against the key store; the verifier compliance's own interceptor uses.</summary>
public sealed class KeyAuthority(KeyStore store, VerifiedCallerCache cache, TimeProvider time) : ICallerVerifier
{
    public async Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(keyId, cancellationToken);
        if (row is null || !ApiKeys.Matches(secret, row.Salt, row.Hash))
        {
            return KeyCheck.Refused(KeyCheck.Invalid);
        }
        if (row.RevokedAt is not null)
        {
            return KeyCheck.Refused(KeyCheck.Revoked);
        }
        var expiresAt = SqlTime.ParseOrNull(row.ExpiresAt);
        if (expiresAt <= time.GetUtcNow())
        {
            return KeyCheck.Refused(KeyCheck.Expired);
        }
        return KeyCheck.Valid(new Caller(row.KeyId, row.Name, row.Role, row.Scope), expiresAt);
    }

    /// <summary>Stores a new key and returns it with its secret, which exists nowhere else afterwards.</summary>
    public async Task<(KeyRow Row, string Token)> CreateAsync(string name, string role, string scope, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        var issued = ApiKeys.Create();
        var row = new KeyRow
        {
            KeyId = issued.KeyId,
            Name = name,
            Role = role,
            Scope = scope,
            Salt = issued.Salt,
            Hash = issued.Hash,
            CreatedAt = SqlTime.Format(time.GetUtcNow()),
            CreatedBy = createdBy,
            ExpiresAt = SqlTime.Format(expiresAt),
        };
        await store.AddAsync(row, cancellationToken);
        return (row, issued.Token);
    }

    /// <summary>Revokes now; this service stops accepting the key at once, the others within their cache time.</summary>
    public async Task<bool> RevokeAsync(string keyId, string revokedBy, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(keyId, SqlTime.Format(time.GetUtcNow()), revokedBy, cancellationToken);
        cache.Remove(keyId);
        return revoked;
    }
}
