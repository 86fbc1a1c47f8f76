using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Oversight.Storage.Connections;

/// <summary>
/// SQLite connections with write-ahead logging (readers do not block the writer), a busy timeout (writers
/// wait for each other instead of failing at once) and foreign keys enforced; the files owner-only on Unix (<see cref="OwnerOnlyFiles"/>).
/// </summary>
public sealed class SqliteConnectionFactory : IConnectionFactory, IDisposable
{
    // Read connections kept open with their prepared statements (KeptSqliteLease), at most this many idle: enough for
    // the units that run at once on a few cores, since SQLite's "asynchronous" calls run synchronously.
    private const int MaxIdle = 16;

    private readonly string _connectionString;
    private readonly string _pragmas;

    // The database handles already given the pragmas. A pooled connection keeps its handle, and the pragmas hold for
    // the handle's life: setting them on every open cost a short read (ListReports) a tenth of its time.
    private readonly ConditionalWeakTable<sqlite3, object> _configured = new();

    private readonly ConcurrentQueue<KeptSqliteLease> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

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
            $"PRAGMA busy_timeout={(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA " +
            $"wal_autocheckpoint=2048; PRAGMA cache_size=-{options.CacheMegabytes * 1024};");
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
            if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
                KeepPlans(handle);
                _configured.AddOrUpdate(handle, handle);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // A statement whose plan looked at a bound value (LIMIT @Limit, LIKE @Pattern) is compiled again each time a value
    // is bound: a kept listing statement was parsed and planned again on every call (11 µs a run against 4 µs). With the
    // planner's stability guarantee a statement keeps the plan it was prepared with; no listing's plan turned on those
    // values (the LIKE optimisation needs a NOCASE column, and pages are read in seq order).
    private static void KeepPlans(sqlite3 handle)
    {
        if (raw.sqlite3_db_config(handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException("SQLite refused SQLITE_DBCONFIG_ENABLE_QPSG: " + raw.sqlite3_errmsg(handle).utf8_to_string());
        }
    }

    public async ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle.Reopen();
        }
        return new KeptSqliteLease((SqliteConnection)await OpenAsync(cancellationToken), this);
    }

    /// <summary>Takes back a connection whose work completed; false when enough are idle already (the caller closes it).</summary>
    internal bool Return(KeptSqliteLease lease)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }
        _idle.Enqueue(lease);
        // Disposed in between: this one may have come after the idle set was closed.
        if (_disposed)
        {
            CloseIdle();
        }
        return true;
    }

    /// <summary>Closes the kept connections, so that nothing holds the database files open.</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryDequeue(out var lease))
        {
            Interlocked.Decrement(ref _idleCount);
            lease.Close();
        }
    }
}
