using System.Data.Common;
using Oversight.Storage.Bulk;

namespace Oversight.Storage.Dialects;

/// <summary>
/// Everything that differs between SQLite, PostgreSQL and SQL Server for this project's SQL, kept small on purpose:
/// statements are written in the common subset (ids made by the application, no RETURNING or MERGE),
/// schema lives in per-dialect migration files, and only what cannot be shared is here.
/// </summary>
public interface ISqlDialect
{
    /// <summary>"sqlite", "postgresql" or "sqlserver": also the folder of its migration files.</summary>
    string Name { get; }

    /// <summary>Creates the schema_version table when it is not there yet.</summary>
    string VersionTable { get; }

    /// <summary>Appended after ORDER BY to keep the first @<paramref name="parameter"/> rows.</summary>
    string Limit(string parameter);

    /// <summary>
    /// <paramref name="column"/> is one of the list @<paramref name="parameter"/>: Dapper expands "IN @p" for SQLite and
    /// SQL Server, and hands Npgsql the list as an array, which PostgreSQL matches with "= ANY(@p)".
    /// </summary>
    string In(string column, string parameter);

    /// <summary>
    /// <paramref name="column"/> is one of the whole numbers bound as @<paramref name="parameter"/> with the value
    /// <see cref="NumberList"/> makes, up to <see cref="NumberListChunk"/> at a time: SQLite reads one JSON array through
    /// json_each (Dapper's expansion into a parameter per value cost 7 µs a value, the statement parsed anew each time),
    /// PostgreSQL one array, SQL Server a parameter per value (its limit is 2,100).
    /// </summary>
    string InNumbers(string column, string parameter);

    object NumberList(IReadOnlyCollection<long> values);

    int NumberListChunk { get; }

    /// <summary>The first <paramref name="length"/> characters of a text expression (substr / SUBSTRING).</summary>
    string Prefix(string expression, int length);

    /// <summary>
    /// Holds exclusive locks on the names, taken in the order given, until the transaction ends, for writers that read
    /// before they write (rollup cells, checks of one report, a body's NOT_DISCLOSED); nothing where the database
    /// already lets one writer at a time in (SQLite).
    /// </summary>
    Task TakeLocksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Holds, on <paramref name="connection"/> and until the handle is disposed, the lock that lets one process at a time
    /// migrate the database, so that replicas starting together on an empty database do not apply a file twice: a session
    /// advisory lock on PostgreSQL (pg_advisory_lock), a session application lock on SQL Server (sp_getapplock); on SQLite
    /// the file's write lock does it, as each migration's transaction begins IMMEDIATE and the runner reads the version
    /// again inside it.
    /// </summary>
    Task<HeldLock> HoldMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the rows, in order, inside the open transaction with the fewest round trips the database allows:
    /// COPY on PostgreSQL, multi-row VALUES on SQL Server, one prepared statement per row on SQLite (in the process). Identity columns number them in the order
    /// given.
    /// </summary>
    Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, TableRows rows, CancellationToken cancellationToken);

    /// <summary>Errors worth retrying: a busy or locked database, a deadlock, a failover.</summary>
    bool IsTransient(Exception exception);

    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the row (a concurrent writer got there first).</summary>
    bool IsUniqueViolation(Exception exception);
}
