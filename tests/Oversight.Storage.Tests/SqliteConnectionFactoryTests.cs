using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Oversight.Storage.Connections;
using Oversight.Testing;
using SQLitePCL;

namespace Oversight.Storage.Tests;

public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly TempFolder _directory = TempFolder.Create("oversight-storage-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_NewFileInMissingFolder_CreatesItInWalModeWithBusyTimeoutAndForeignKeys()
    {
        var path = Path.Combine(_directory.Path, "nested", "ingestion.db");
        var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={path}", BusyTimeout = TimeSpan.FromSeconds(7) });

        await using var connection = await factory.OpenAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(7000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task Create_NewDataFolder_FolderAndEveryDatabaseFileOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the folder's ACLs apply there
        }
        var data = Path.Combine(_directory.Path, "data");

        var database = StorageFactory.Create(DataFolder(data), "Compliance", "compliance.db", TimeProvider.System);
        // An open connection keeps the -wal and -shm files there.
        await using var connection = await database.Connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE t (v TEXT); INSERT INTO t (v) VALUES ('a');");

        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(data));
        foreach (var file in new[] { "compliance.db", "compliance.db-wal", "compliance.db-shm" })
        {
            Assert.True(File.Exists(Path.Combine(data, file)), file);
            Assert.Equal((file, OwnerOnlyFiles.FileMode), (file, File.GetUnixFileMode(Path.Combine(data, file))));
        }
    }

    [Fact]
    public async Task Create_FolderAndFileOfAnEarlierBuildWorldReadable_MadeOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var data = Path.Combine(_directory.Path, "data");
        Directory.CreateDirectory(data, Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var file = Path.Combine(data, "ingestion.db");
        var earlierFactory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={file};Pooling=False" });
        await using (var earlier = await earlierFactory.OpenAsync(CancellationToken.None))
        {
            await earlier.ExecuteAsync("CREATE TABLE t (v TEXT); INSERT INTO t (v) VALUES ('kept');");
        }
        File.SetUnixFileMode(data, Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(file, Readable);

        var database = StorageFactory.Create(DataFolder(data), "Ingestion", "ingestion.db", TimeProvider.System);
        var kept = await database.RunAsync((c, t) => c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT v FROM t", cancellationToken: t)),
            CancellationToken.None);

        Assert.Equal("kept", kept);
        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(file));
    }

    private static IConfiguration DataFolder(string path) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:DataDirectory"] = path })
            .Build();

    [Fact]
    public async Task OpenAsync_WriterHoldsLock_ReaderStillReadsUnderWal()
    {
        var path = Path.Combine(_directory.Path, "wal.db");
        var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={path}" });
        await using var writer = await factory.OpenAsync(CancellationToken.None);
        await writer.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a');");
        await using var transaction = await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("INSERT INTO t (v) VALUES ('b')", transaction: transaction);

        await using var reader = await factory.OpenAsync(CancellationToken.None);
        var count = await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t");

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task LeaseAsync_EarlierLeaseCompleted_SameConnectionAndCommandAgain()
    {
        using var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "kept.db")}" });
        DbConnection first;
        DbCommand command;
        await using (var lease = await factory.LeaseAsync(CancellationToken.None))
        {
            first = lease.Connection;
            command = lease.Command("SELECT @Value + 1");
            ConnectionLease.Bind(command, "Value", DbType.Int64, 1L);
            Assert.Equal(2L, await command.ExecuteScalarAsync());
            lease.Complete();
        }

        await using var again = await factory.LeaseAsync(CancellationToken.None);
        var kept = again.Command("SELECT @Value + 1");
        ConnectionLease.Bind(kept, "Value", DbType.Int64, 41L);

        Assert.Same(first, again.Connection);
        Assert.Same(command, kept);
        Assert.Single(kept.Parameters);
        Assert.Equal(42L, await kept.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("SELECT v FROM t WHERE id > @After ORDER BY id LIMIT @Limit")]
    [InlineData("SELECT v FROM t WHERE v LIKE @Pattern ESCAPE '\\' ORDER BY id LIMIT 5")]
    public async Task LeaseAsync_KeptCommandRunAgainWithNewValues_NotCompiledAgain(string sql)
    {
        using var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "plans.db")}" });
        await using var lease = await factory.LeaseAsync(CancellationToken.None);
        var connection = (SqliteConnection)lease.Connection;
        await connection.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX ix_t_v ON t (v);" +
            "INSERT INTO t (v) VALUES ('a1'), ('a2'), ('b1');");
        var command = lease.Command(sql);
        // SQLite asks the authorizer about each column only while it compiles a statement.
        var compiled = 0;
        raw.sqlite3_set_authorizer(connection.Handle, (delegate_authorizer)((_, _, _, _, _, _) =>
        {
            compiled++;
            return raw.SQLITE_OK;
        }), null);

        var rows = new List<int>();
        for (var run = 0; run < 4; run++)
        {
            ConnectionLease.Bind(command, "@After", DbType.Int64, (long)run);
            ConnectionLease.Bind(command, "@Limit", DbType.Int32, run + 1);
            ConnectionLease.Bind(command, "@Pattern", DbType.String, run % 2 == 0 ? "a%" : "b%");
            await using var reader = await command.ExecuteReaderAsync();
            var count = 0;
            while (await reader.ReadAsync())
            {
                count++;
            }
            rows.Add(count);
            if (run == 0)
            {
                compiled = 0;
            }
        }

        Assert.Equal(0, compiled);
        Assert.Equal(sql.Contains("LIKE", StringComparison.Ordinal) ? [2, 1, 2, 1] : new[] { 1, 2, 1, 0 }, rows);
    }

    [Fact]
    public async Task LeaseAsync_EarlierLeaseNotCompleted_ItsConnectionClosedNotLentAgain()
    {
        using var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "failed.db")}" });
        DbConnection failed;
        await using (var lease = await factory.LeaseAsync(CancellationToken.None))
        {
            failed = lease.Connection;
        }

        await using var next = await factory.LeaseAsync(CancellationToken.None);

        Assert.Equal(ConnectionState.Closed, failed.State);
        Assert.NotSame(failed, next.Connection);
    }

    [Fact]
    public async Task Dispose_IdleKeptConnection_Closed()
    {
        var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "closed.db")}" });
        DbConnection idle;
        await using (var lease = await factory.LeaseAsync(CancellationToken.None))
        {
            idle = lease.Connection;
            lease.Complete();
        }

        factory.Dispose();

        Assert.Equal(ConnectionState.Closed, idle.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await factory.LeaseAsync(CancellationToken.None));
    }

    [Fact]
    public void Constructor_NoDataSource_ClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteConnectionFactory(new StorageOptions { ConnectionString = "" }));

        Assert.Contains("Data Source", ex.Message, StringComparison.Ordinal);
    }
}
