using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Oversight.Storage.Bulk;

namespace Oversight.Storage.Dialects;

public sealed class SqlServerDialect : ISqlDialect
{
    // Deadlock victim, lock timeout, and the connection and failover errors Azure SQL and Always On report.
    private static readonly HashSet<int> TransientNumbers = [1205, 1222, -2, 233, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920, 4060, 4221];

    public static SqlServerDialect Instance { get; } = new();

    public string Name => "sqlserver";

    public string VersionTable =>
        "IF OBJECT_ID(N'schema_version') IS NULL CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at NVARCHAR(40) NOT NULL)";

    public string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT @{parameter} ROWS ONLY";

    public string In(string column, string parameter) => $"{column} IN @{parameter}";

    public string InNumbers(string column, string parameter) => In(column, parameter);

    public object NumberList(IReadOnlyCollection<long> values) => values.ToArray();

    public int NumberListChunk => 1_000;

    public async Task TakeLocksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        const string Sql = "EXEC sp_getapplock @Resource = @Name, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000";
        foreach (var name in names)
        {
            await connection.ExecuteAsync(new CommandDefinition(Sql, new { Name = name }, transaction, cancellationToken: cancellationToken));
        }
    }

    // A session lock (not a transaction's): each migration file commits in its own transaction while the lock is held.
    // sp_getapplock answers a timeout or deadlock with a negative status, not an error, so the status is checked.
    public async Task<HeldLock> HoldMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string Take = """
            DECLARE @Status INT;
            EXEC @Status = sp_getapplock @Resource = @Name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 300000;
            IF @Status < 0 THROW 51000, 'The migration lock (sp_getapplock) was not granted.', 1;
            """;
        const string Release = "EXEC sp_releaseapplock @Resource = @Name, @LockOwner = 'Session'";
        return await HeldLock.OfSessionAsync(connection, Take, Release, MigrationLockName, cancellationToken);
    }

    private const string MigrationLockName = "oversight:schema_version";

    public string Prefix(string expression, int length) => $"SUBSTRING({expression}, 1, {length})";

    // SQL Server refuses a statement with more than 2,100 parameters. SqlBulkCopy would stream instead, but it
    // cannot be tried against a server here, so the portable statement stays.
    private const int MaxParameters = 2_000;

    public Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, TableRows rows, CancellationToken cancellationToken) =>
        ValuesInsert.RunAsync(connection, transaction, rows, MaxParameters, cancellationToken);

    public bool IsTransient(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number));

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => e.Number is 2627 or 2601);
}
