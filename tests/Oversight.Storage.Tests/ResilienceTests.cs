using Dapper;
using Microsoft.Data.Sqlite;
using Oversight.Storage.Connections;
using Oversight.Storage.Dialects;
using Oversight.Storage.Resilience;
using Oversight.Testing;

namespace Oversight.Storage.Tests;

public sealed class ResilienceTests : IDisposable
{
    private readonly TempFolder _directory = TempFolder.Create("oversight-retry-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_DatabaseBusyForAWhile_RetriedUntilItSucceeds()
    {
        var options = new StorageOptions
        {
            ConnectionString = $"Data Source={Path.Combine(_directory.Path, "busy.db")}", BusyTimeout = TimeSpan.FromMilliseconds(1),
        };
        var factory = new SqliteConnectionFactory(options);
        var counting = new CountingFactory(factory);
        var database = new Database(counting, SqliteDialect.Instance,
            StorageResilience.Build(SqliteDialect.Instance, TimeProvider.System, maxRetries: 50, baseDelay: TimeSpan.FromMilliseconds(5)));
        await database.RunAsync((c, t) => c.ExecuteAsync("CREATE TABLE t (v INTEGER)"), CancellationToken.None);
        await using var blocker = await factory.OpenAsync(CancellationToken.None);
        var lockHeld = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("INSERT INTO t VALUES (0)", transaction: lockHeld);
        var opensBefore = counting.Opens;

        // On its own thread: SQLite's busy wait blocks the caller.
        var write = Task.Run(() => database.InTransactionAsync((c, tx, t) => c.ExecuteAsync("INSERT INTO t VALUES (1)", transaction: tx),
            CancellationToken.None).AsTask());
        // The lock is released once the pipeline has been seen to give up at least once and start again.
        await Eventually.UntilAsync(() => counting.Opens - opensBefore >= 2, TimeSpan.FromSeconds(30), "a second unit of work started");
        await lockHeld.CommitAsync();

        Assert.Equal(1, await write);
        Assert.True(counting.Opens - opensBefore > 1, $"units of work started: {counting.Opens - opensBefore}");
    }

    [Fact]
    public async Task RunAsync_NonTransientError_NotRetried()
    {
        var database = StorageFactory.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "plain.db")}" },
            TimeProvider.System);
        var attempts = 0;

        await Assert.ThrowsAsync<SqliteException>(() => database.RunAsync((c, t) =>
        {
            Interlocked.Increment(ref attempts);
            return c.ExecuteAsync("SELEC nonsense");
        }, CancellationToken.None).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public void Dialects_Limits_DifferOnlyWhereTheyMust()
    {
        Assert.Equal("LIMIT @n", SqliteDialect.Instance.Limit("n"));
        Assert.Equal("OFFSET 0 ROWS FETCH NEXT @n ROWS ONLY", SqlServerDialect.Instance.Limit("n"));
        Assert.False(SqliteDialect.Instance.IsTransient(new InvalidOperationException()));
    }

    private sealed class CountingFactory(IConnectionFactory inner) : IConnectionFactory
    {
        private int _opens;

        public int Opens => _opens;

        public string Provider => inner.Provider;

        public ValueTask<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opens);
            return inner.OpenAsync(cancellationToken);
        }
    }
}
