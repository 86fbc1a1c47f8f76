using Oversight.Storage;

namespace Oversight.Testing;

/// <summary>
/// A throw-away database of one dialect for a store suite: the generic suite takes it as a type argument, so each
/// dialect's test class is one line (as in Dapper's own tests).
/// </summary>
public interface ITestDatabase
{
    Task<Database> CreateAsync(string fileName);

    /// <summary>Another service instance's view of the database <see cref="CreateAsync"/> made: its own connections and pool.</summary>
    Database OpenAnother();

    Task DropAsync();
}

/// <summary>A SQLite file in a folder of its own, deleted with the folder.</summary>
public sealed class SqliteDatabase : ITestDatabase
{
    private readonly TempFolder _folder = TempFolder.Create("oversight-store-");
    private string? _connectionString;

    public Task<Database> CreateAsync(string fileName)
    {
        var database = SqliteTestDatabase.Create(_folder.Path, fileName);
        _connectionString = SqliteTestDatabase.ConnectionStringOf(database);
        return Task.FromResult(database);
    }

    public Database OpenAnother() => StorageFactory.Create(new Oversight.Storage.Connections.StorageOptions { ConnectionString = _connectionString! },
        TimeProvider.System);

    public Task DropAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
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

    public Database OpenAnother() => _database!.OpenAnother();

    public Task DropAsync() => _database?.DropAsync() ?? Task.CompletedTask;
}

/// <summary>A database of its own per test on the PostgreSQL server that OVERSIGHT_TEST_POSTGRES points at.</summary>
public sealed class PostgresDatabase : ITestDatabase
{
    private PostgresTestDatabase? _database;

    public async Task<Database> CreateAsync(string fileName)
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return _database.Open();
    }

    public Database OpenAnother() => _database!.Open();

    public Task DropAsync() => _database?.DropAsync() ?? Task.CompletedTask;
}
