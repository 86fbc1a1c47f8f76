using System.Data.Common;
using Microsoft.Data.Sqlite;
using Oversight.Storage.Bulk;

namespace Oversight.Storage.Dialects;

public sealed class SqliteDialect : ISqlDialect
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static SqliteDialect Instance { get; } = new();

    public string Name => "sqlite";

    public string VersionTable =>
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public string Limit(string parameter) => $"LIMIT @{parameter}";

    public string In(string column, string parameter) => $"{column} IN @{parameter}";

    public string InNumbers(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public object NumberList(IReadOnlyCollection<long> values) => "[" + string.Join(",",
        values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    public int NumberListChunk => 100_000;

    public Task TakeLocksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    // One writer at a time is SQLite's own rule: each migration's transaction begins IMMEDIATE (Microsoft.Data.Sqlite's
    // default), taking the file's write lock, and the runner reads the version again inside it.
    public Task<HeldLock> HoldMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(HeldLock.None);

    public string Prefix(string expression, int length) => $"substr({expression}, 1, {length})";

    public Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, TableRows rows, CancellationToken cancellationToken) =>
        PreparedInsert.RunAsync(connection, transaction, rows, cancellationToken);

    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked };

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
