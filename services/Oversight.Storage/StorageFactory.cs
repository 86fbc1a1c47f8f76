using Microsoft.Extensions.Configuration;
using Oversight.Storage.Connections;
using Oversight.Storage.Dialects;
using Oversight.Storage.Resilience;

namespace Oversight.Storage;

public static class StorageFactory
{
    /// <summary>
    /// The database a service configures under "{section}:Storage" (Provider, ConnectionString); without one, its own
    /// database "{Database}_{section}" on the PostgreSQL server "Storage:Postgres" names (created when missing), or else
    /// a SQLite file "{defaultFile}" under the data folder ("Platform:DataDirectory", default ./data).
    /// </summary>
    public static Database Create(IConfiguration configuration, string section, string defaultFile, TimeProvider timeProvider)
    {
        var options = new StorageOptions();
        configuration.GetSection(section + ":Storage").Bind(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && configuration["Storage:Postgres"] is { Length: > 0 } server
            && configuration[section + ":Storage:Provider"] is null)
        {
            options = PostgresConnectionFactory.ForService(server, section);
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.Provider == StorageOptions.Sqlite)
        {
            var dataDirectory = configuration["Platform:DataDirectory"] ?? "data";
            // The platform's own folder (its databases and keys): owner-only on Unix, also when an earlier build made it.
            OwnerOnlyFiles.Folder(dataDirectory, tighten: true);
            options.ConnectionString = $"Data Source={Path.Combine(dataDirectory, defaultFile)}";
        }
        return Create(options, timeProvider);
    }

    public static Database Create(StorageOptions options, TimeProvider timeProvider)
    {
        ISqlDialect dialect;
        IConnectionFactory factory;
        switch (options.Provider.ToLowerInvariant())
        {
            case StorageOptions.Sqlite:
                dialect = SqliteDialect.Instance;
                factory = new SqliteConnectionFactory(options);
                break;
            case StorageOptions.Postgres:
                dialect = PostgresDialect.Instance;
                factory = new PostgresConnectionFactory(options);
                break;
            case StorageOptions.SqlServer:
                dialect = SqlServerDialect.Instance;
                factory = new SqlServerConnectionFactory(options);
                break;
            default:
                throw new InvalidOperationException($"Unknown storage provider '{options.Provider}': use 'sqlite', 'postgresql' or 'sqlserver'.");
        }
        return new Database(factory, dialect, StorageResilience.Build(dialect, timeProvider));
    }
}
