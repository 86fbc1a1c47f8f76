using Oversight.Storage;

namespace Oversight.Testing;

/// <summary>
/// A throw-away database of one dialect for a store suite: the generic suite takes it as a type argument, so each
/// dialect's test class is one line (as in Dapper's own tests).
/// </summary>
public interface ITestDatabase
{
    Task<Database> CreateAsync(string fileName);

    Task DropAsync();
}

public sealed class SqliteDatabase : ITestDatabase
{
    public Task<Database> CreateAsync(string fileName) => Task.FromResult(SqliteTestDatabase.Create(fileName));

    public Task DropAsync() => Task.CompletedTask;
}

/// <summary>A database of its own per test on the SQL Server that OVERSIGHT_TEST_SQLSERVER points at.</summary>
public sealed class SqlServerDatabase : ITestDatabase
{
    private SqlServerTestDatabase? _database;

    public async Task<Database> CreateAsync(string fileName)
    {
        _database = await SqlServerTestDatabase.CreateAsync();
        return _database.Database;
    }

    public Task DropAsync() => _database?.DropAsync() ?? Task.CompletedTask;
}
