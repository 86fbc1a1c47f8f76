using Dapper;
using Oversight.Storage;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Storage;

/// <summary>API keys: who they belong to, their role and scope, and a salted hash of the secret (never the secret).</summary>
public sealed class KeyStore(Database database)
{
    private const string Columns = "key_id, name, role, scope, salt, hash, created_at, created_by, expires_at, revoked_at, revoked_by";

    /// <summary>Stores a key and its audit entry together.</summary>
    public ValueTask<int> AddAsync(KeyRow row, AuditRow audit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = """
                INSERT INTO api_keys (key_id, name, role, scope, salt, hash, created_at, created_by, expires_at, revoked_at, revoked_by)
                VALUES (@KeyId, @Name, @Role, @Scope, @Salt, @Hash, @CreatedAt, @CreatedBy, @ExpiresAt, NULL, NULL)
                """;
            var added = await connection.ExecuteAsync(new CommandDefinition(Sql, row, transaction, cancellationToken: token));
            await AuditStore.AppendAsync(connection, transaction, audit, token);
            return added;
        }, cancellationToken);

    public ValueTask<KeyRow?> GetAsync(string keyId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
            connection.QuerySingleOrDefaultAsync<KeyRow?>(new CommandDefinition($"SELECT {Columns} FROM api_keys WHERE key_id = @KeyId", new { KeyId = keyId },
                cancellationToken: token)),
            cancellationToken);

    /// <summary>Keys whose scope lies inside <paramref name="scopePrefix"/>, newest first.</summary>
    public ValueTask<IReadOnlyList<KeyRow>> ListAsync(string scopePrefix, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<KeyRow>>(async (connection, token) =>
        {
            const string Sql = $"SELECT {Columns} FROM api_keys WHERE scope LIKE @Prefix ORDER BY created_at DESC, key_id";
            return (await connection.QueryAsync<KeyRow>(new CommandDefinition(Sql, new { Prefix = CodePrefix.LikePattern(scopePrefix) },
                cancellationToken: token))).AsList();
        }, cancellationToken);

    public ValueTask<bool> AnyAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM api_keys",
                cancellationToken: token)) > 0,
            cancellationToken);

    /// <summary>Revokes with its audit entry; false (and no entry) when the key was already revoked: the first revocation stands.</summary>
    public ValueTask<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, string revokedBy, AuditRow audit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = "UPDATE api_keys SET revoked_at = @RevokedAt, revoked_by = @RevokedBy WHERE key_id = @KeyId AND revoked_at IS NULL";
            var parameters = new { KeyId = keyId, RevokedAt = revokedAt, RevokedBy = revokedBy };
            if (await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: token)) != 1)
            {
                return false;
            }
            await AuditStore.AppendAsync(connection, transaction, audit, token);
            return true;
        }, cancellationToken);
}

public sealed class KeyRow
{
    public string KeyId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Scope { get; set; } = "";
    public string Salt { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
