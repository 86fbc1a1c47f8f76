using System.Data.Common;
using Dapper;
using Npgsql;
using Oversight.Storage.Bulk;

namespace Oversight.Storage.Dialects;

/// <summary>
/// PostgreSQL (tried: Debian's server in CI). The PostgreSQL-compatible servers government systems run (KingbaseES,
/// openGauss, HighGo) are meant to be served by it too but have not been tried (deploy/README.md).
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    // Serialization failure, deadlock, lock not available, too many connections, and the server shutting down or
    // starting (a failover); connection exceptions (class 08) are transient too.
    private static readonly HashSet<string> TransientStates = ["40001", "40P01", "55P03", "53300", "57P01", "57P02", "57P03"];

    public static PostgresDialect Instance { get; } = new();

    public string Name => "postgresql";

    public string VersionTable =>
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public string Limit(string parameter) => $"LIMIT @{parameter}";

    public string In(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public string InNumbers(string column, string parameter) => In(column, parameter);

    public object NumberList(IReadOnlyCollection<long> values) => values.ToArray();

    public int NumberListChunk => 100_000;

    // One statement for all the names (a sweep batch takes a thousand): unnest yields them in array order.
    public Task TakeLocksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(n, 0)) FROM unnest(@Names) AS n", new { Names = names.ToArray() }, transaction, cancellationToken: cancellationToken));

    // A session lock (not a transaction's): each migration file commits in its own transaction while the lock is held.
    // Released when the handle is disposed, and by the server when the session ends (a crash mid-migration).
    public async Task<HeldLock> HoldMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string Take = "SELECT pg_advisory_lock(hashtextextended(@Name, 0))";
        const string Release = "SELECT pg_advisory_unlock(hashtextextended(@Name, 0))";
        return await HeldLock.OfSessionAsync(connection, Take, Release, MigrationLockName, cancellationToken);
    }

    private const string MigrationLockName = "oversight:schema_version";

    public string Prefix(string expression, int length) => $"substr({expression}, 1, {length})";

    public Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, TableRows rows, CancellationToken cancellationToken) =>
        PostgresCopy.RunAsync(connection, rows, cancellationToken);

    public bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => TransientStates.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
