using Dapper;
using Oversight.Storage;

namespace Oversight.Compliance.Storage;

/// <summary>Rule pack versions. A pack's latest version is the one in force.</summary>
public sealed class PackStore(Database database)
{
    public ValueTask<IReadOnlyList<PackRow>> LatestAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<PackRow>>(async (connection, token) =>
        {
            const string Sql = """
                SELECT p.pack_id, p.version, p.scope_prefix, p.yaml, p.updated_at, p.updated_by FROM rule_packs p
                WHERE p.version = (SELECT MAX(q.version) FROM rule_packs q WHERE q.pack_id = p.pack_id)
                ORDER BY p.scope_prefix, p.pack_id
                """;
            return (await connection.QueryAsync<PackRow>(new CommandDefinition(Sql, cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>
    /// Each pack and its latest version, and nothing else (the primary key's index answers it): what every replica polls
    /// to learn that another one stored a version (<see cref="Checking.PacksInForce.KeyOf"/> makes the key to compare).
    /// </summary>
    public ValueTask<IReadOnlyList<PackRow>> LatestVersionsAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<PackRow>>(async (connection, token) =>
        {
            const string Sql = "SELECT pack_id, MAX(version) AS version FROM rule_packs GROUP BY pack_id";
            return (await connection.QueryAsync<PackRow>(new CommandDefinition(Sql, cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>One version; 0 means the latest.</summary>
    public ValueTask<PackRow?> GetAsync(string packId, int version, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            var sql = version == 0
                ? "SELECT pack_id, version, scope_prefix, yaml, updated_at, updated_by FROM rule_packs WHERE pack_id = @PackId AND version = (SELECT MAX(version) FROM rule_packs WHERE pack_id = @PackId)"
                : "SELECT pack_id, version, scope_prefix, yaml, updated_at, updated_by FROM rule_packs WHERE pack_id = @PackId AND version = @Version";
            return connection.QuerySingleOrDefaultAsync<PackRow?>(new CommandDefinition(sql, new { PackId = packId, Version = version }, cancellationToken: token));
        }, cancellationToken);

    /// <summary>Stores a version; false when that pack and version already exist (a concurrent upsert got there first).</summary>
    /// <summary>Stores a new version with its audit entry (none for the shipped packs seeded at start); false when that version exists.</summary>
    public ValueTask<bool> InsertAsync(PackRow row, AuditRow? audit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = "INSERT INTO rule_packs (pack_id, version, scope_prefix, yaml, updated_at, updated_by) VALUES (@PackId, @Version, @ScopePrefix, @Yaml, @UpdatedAt, @UpdatedBy)";
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(Sql, row, transaction, cancellationToken: token));
                if (audit is not null)
                {
                    await AuditStore.AppendAsync(connection, transaction, audit, token);
                }
                return true;
            }
            catch (Exception ex) when (database.Dialect.IsUniqueViolation(ex))
            {
                return false;
            }
        }, cancellationToken);
}
