using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Storage;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>Issues, verifies and revokes keys against the key store; the verifier compliance's own access middleware uses.</summary>
public sealed class KeyAuthority(KeyStore store, VerifiedCallerCache cache, AuditLog audit, TimeProvider time) : ICallerVerifier
{
    public async Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(keyId, cancellationToken);
        if (row is null || !ApiKeys.Matches(secret, row.Salt, row.Hash))
        {
            return KeyCheck.Refused(Reasons.KeyInvalid);
        }
        if (row.RevokedAt is not null)
        {
            return KeyCheck.Refused(Reasons.KeyRevoked);
        }
        var expiresAt = SqlTime.ParseOrNull(row.ExpiresAt);
        if (expiresAt <= time.GetUtcNow())
        {
            return KeyCheck.Refused(Reasons.KeyExpired);
        }
        return KeyCheck.Valid(new Caller(row.KeyId, row.Name, row.Role, row.Scope), expiresAt);
    }

    /// <summary>Stores a new key, audited, and returns it with its secret, which exists nowhere else afterwards.</summary>
    public async Task<(KeyRow Row, string Token)> CreateAsync(string name, string role, string scope, DateTimeOffset? expiresAt, Caller createdBy,
        CancellationToken cancellationToken)
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
            CreatedBy = createdBy.Label,
            ExpiresAt = SqlTime.Format(expiresAt),
        };
        await store.AddAsync(row, audit.Entry(createdBy, AuditActions.KeyCreate, row.KeyId, scope, $"{name}, role {role}"), cancellationToken);
        return (row, issued.Token);
    }

    /// <summary>Revokes now; this service stops accepting the key at once, the others within their cache time.</summary>
    public async Task<bool> RevokeAsync(KeyRow key, Caller revokedBy, CancellationToken cancellationToken)
    {
        var entry = audit.Entry(revokedBy, AuditActions.KeyRevoke, key.KeyId, key.Scope, key.Name);
        var revoked = await store.RevokeAsync(key.KeyId, SqlTime.Format(time.GetUtcNow()), revokedBy.Label, entry, cancellationToken);
        cache.Remove(key.KeyId);
        return revoked;
    }
}
