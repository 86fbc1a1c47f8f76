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

    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The connection string of this database: the setting a service is given.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = "oversight_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new PostgresTestDatabase(name, builder.ConnectionString);
    }

    /// <summary>A service's view of the database (its own pool, the production retry pipeline).</summary>
    public Database Open() =>
        StorageFactory.Create(new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = ConnectionString }, TimeProvider.System);

    public Task DropAsync() => DropAsync(Name);

    /// <summary>Drops a database on the server, with whatever connections are still open (a name a test made).</summary>
    public static Task DropAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static string Server => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
