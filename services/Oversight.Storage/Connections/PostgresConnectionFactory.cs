using System.Data.Common;
using Npgsql;

namespace Oversight.Storage.Connections;

/// <summary>
/// PostgreSQL connections through one pooled data source per service. Pooling, timeouts and TLS come from the
/// connection string ("Host=…;Database=…;Username=…;Password=…;SSL Mode=VerifyFull").
/// </summary>
public sealed class PostgresConnectionFactory : IConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StorageOptions _options;

    public PostgresConnectionFactory(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("PostgreSQL needs a connection string (Storage:ConnectionString).", nameof(options));
        }
        _options = options;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <summary>
    /// Options for service <paramref name="service"/>'s own database on the server <paramref name="server"/> names:
    /// "{database}_{service}", where {database} is the connection string's Database ("oversight" when it names none).
    /// </summary>
    public static StorageOptions ForService(string server, string service)
    {
        var builder = new NpgsqlConnectionStringBuilder(server);
        builder.Database = $"{(string.IsNullOrEmpty(builder.Database) ? "oversight" : builder.Database)}_{service.ToLowerInvariant()}";
        return new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = builder.ConnectionString, CreateIfMissing = true };
    }

    public string Provider => StorageOptions.Postgres;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public async ValueTask CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        if (!_options.CreateIfMissing)
        {
            return;
        }
        var target = new NpgsqlConnectionStringBuilder(_options.ConnectionString);
        var name = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string names no database.");
        var server = new NpgsqlConnectionStringBuilder(_options.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }
        // CREATE DATABASE takes no parameters: the name is quoted as an identifier. A replica that lost the race finds it there.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
