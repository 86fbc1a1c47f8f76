using Dapper;
using Oversight.Storage.Connections;

namespace Oversight.Storage.Tests;

public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("oversight-storage-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task OpenAsync_NewFileInMissingFolder_CreatesItInWalModeWithBusyTimeoutAndForeignKeys()
    {
        var path = Path.Combine(_directory.FullName, "nested", "ingestion.db");
        var factory = new SqliteConnectionFactory(new StorageOptions { ConnectionString = $"Data Source={path}", BusyTimeout = TimeSpan.FromSeconds(7) });

        await using var connection = await factory.OpenAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(7000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task OpenAsync_WriterHoldsLock_ReaderStillReadsUnderWal()
    {
        var path = Path.Combine(_directory.FullName, "wal.db");
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
    public void Constructor_NoDataSource_ClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteConnectionFactory(new StorageOptions { ConnectionString = "" }));

        Assert.Contains("Data Source", ex.Message, StringComparison.Ordinal);
    }
}
