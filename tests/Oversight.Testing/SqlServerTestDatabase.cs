using Microsoft.Data.SqlClient;
using Oversight.Storage;
using Oversight.Storage.Connections;

namespace Oversight.Testing;

/// <summary>A throw-away database on the SQL Server named by OVERSIGHT_TEST_SQLSERVER.</summary>
public sealed class SqlServerTestDatabase
{
    public const string Variable = "OVERSIGHT_TEST_SQLSERVER";

    private readonly string _server;
    private readonly string _name;

    private readonly string _connectionString;

    private SqlServerTestDatabase(string server, string name, string connectionString, Database database)
    {
        _server = server;
        _connectionString = connectionString;
        _name = name;
        Database = database;
    }

    public Database Database { get; }

    public Database OpenAnother() => StorageFactory.Create(new StorageOptions { Provider = StorageOptions.SqlServer, ConnectionString = _connectionString },
        TimeProvider.System);

    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");
        var name = "oversight_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new SqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE [{name}]";
            await command.ExecuteNonQueryAsync();
        }
        var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = name };
        var database = StorageFactory.Create(new StorageOptions { Provider = StorageOptions.SqlServer, ConnectionString = builder.ConnectionString },
            TimeProvider.System);
        return new SqlServerTestDatabase(server, name, builder.ConnectionString, database);
    }

    public async Task DropAsync()
    {
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]";
        await command.ExecuteNonQueryAsync();
    }
}
