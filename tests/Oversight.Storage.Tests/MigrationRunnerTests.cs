using Dapper;
using Oversight.Storage.Connections;
using Oversight.Storage.Migrations;
using Oversight.Testing;

namespace Oversight.Storage.Tests;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly TempFolder _directory = TempFolder.Create("oversight-migrations-");

    public void Dispose() => _directory.Dispose();

    private Database NewDatabase() => StorageFactory.Create(
        new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "m.db")};Pooling=False" }, TimeProvider.System);

    [Fact]
    public async Task ApplyAsync_NewDatabase_AppliesEveryFileInOrderAndRecordsThem()
    {
        var database = NewDatabase();

        var version = await MigrationRunner.ApplyAsync(database, typeof(MigrationRunnerTests).Assembly, CancellationToken.None);

        Assert.Equal(2, version);
        var recorded = await database.RunAsync(async (c, t) =>
            (await c.QueryAsync<(long, string)>("SELECT version, name FROM schema_version ORDER BY version")).ToList(), CancellationToken.None);
        Assert.Equal([(1L, "things"), (2L, "colour")], recorded);
        await database.RunAsync((c, t) => c.ExecuteAsync("INSERT INTO things (name, colour) VALUES ('a', 'red')"), CancellationToken.None);
    }

    [Fact]
    public async Task ApplyAsync_SecondRun_NothingReapplied()
    {
        var database = NewDatabase();
        await MigrationRunner.ApplyAsync(database, typeof(MigrationRunnerTests).Assembly, CancellationToken.None);

        var version = await MigrationRunner.ApplyAsync(database, typeof(MigrationRunnerTests).Assembly, CancellationToken.None);

        Assert.Equal(2, version);
        Assert.Equal(2, await database.RunAsync((c, t) => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_version"), CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_DatabaseNewerThanTheFiles_RefusedAndUntouched()
    {
        var database = NewDatabase();
        await MigrationRunner.ApplyAsync(database, typeof(MigrationRunnerTests).Assembly, CancellationToken.None);
        await database.RunAsync((c, t) => c.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (3, 'newer', 'x')"),
            CancellationToken.None);

        var ex = await Assert.ThrowsAsync<SchemaTooNewException>(() =>
            MigrationRunner.ApplyAsync(database, typeof(MigrationRunnerTests).Assembly, CancellationToken.None));

        Assert.Equal((3, 2), (ex.DatabaseVersion, ex.KnownVersion));
    }

    [Fact]
    public void Discover_SqlServerBatches_SplitOnGoLines()
    {
        var migrations = MigrationRunner.Discover(typeof(MigrationRunner).Assembly, "nothing-here");

        Assert.Empty(migrations);
    }
}
