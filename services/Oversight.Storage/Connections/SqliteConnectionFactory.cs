using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Oversight.Storage.Connections;

/// <summary>
/// SQLite connections with write-ahead logging (readers do not block the writer), a busy timeout (writers
/// wait for each other instead of failing at once) and foreign keys enforced; the files owner-only on Unix (<see cref="OwnerOnlyFiles"/>).
/// </summary>
public sealed class SqliteConnectionFactory : IConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public string ConnectionString => _connectionString;

    public SqliteConnectionFactory(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Microsoft.Data.Sqlite retries a busy database itself, blocking, for the whole command timeout (30 s by
        // default); bounding that by the busy timeout lets the storage retry pipeline back off instead.
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            throw new ArgumentException("SQLite needs a Data Source (a file path).", nameof(options));
        }
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            // Owner-only on Unix: a folder made here 0700, the database and the files SQLite keeps beside it 0600.
            var path = Path.GetFullPath(builder.DataSource);
            if (Path.GetDirectoryName(path) is { } directory)
            {
                OwnerOnlyFiles.Folder(directory, tighten: false);
            }
            OwnerOnlyFiles.SqliteDatabase(path);
        }
        _connectionString = builder.ToString();
        // journal_mode is stored in the file, so it is set once; the others hold per connection.
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout={(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=2048; PRAGMA cache_size=-{options.CacheMegabytes * 1024};");
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // Reports are tens of kilobytes: larger pages (honoured only by a new file) keep them out of long overflow
        // chains, and checkpointing every 32 MB of WAL rather than 4 MB means fewer, larger flushes.
        command.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string Provider => StorageOptions.Sqlite;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
