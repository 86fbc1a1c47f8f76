using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Oversight.Storage.Connections;

/// <summary>SQL Server connections (production). Pooling and timeouts come from the connection string.</summary>
public sealed class SqlServerConnectionFactory(StorageOptions options) : IConnectionFactory
{
    private readonly string _connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
        ? throw new ArgumentException("SQL Server needs a connection string (Storage:ConnectionString).", nameof(options))
        : options.ConnectionString;

    public string Provider => StorageOptions.SqlServer;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
