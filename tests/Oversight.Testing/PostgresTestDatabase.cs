using Npgsql;
using Oversight.Storage;
using Oversight.Storage.Connections;

namespace Oversight.Testing;

/// <summary>
/// A throw-away database on the PostgreSQL server named by OVERSIGHT_TEST_POSTGRES (tests/run.sh starts one on
/// loopback and sets it): created from template0 in UTF-8, dropped with whatever connections are still open.
/// </summary>
public sealed class PostgresTestDatabase
{
    public const string Variable = "OVERSIGHT_TEST_POSTGRES";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The connection string of this database: the setting a service is given.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");
        var name = "oversight_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresTestDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>A service's view of the database (its own pool, the production retry pipeline).</summary>
    public Database Open() =>
        StorageFactory.Create(new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = ConnectionString }, TimeProvider.System);

    public Task DropAsync() => ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    /// <summary>Drops a database a test had a service create on the server (its name made by the test).</summary>
    public static Task DropAsync(string name) =>
        ExecuteAsync(Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set."), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
