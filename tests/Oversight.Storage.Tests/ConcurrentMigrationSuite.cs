using Dapper;
using Oversight.Storage.Migrations;
using Oversight.Testing;

namespace Oversight.Storage.Tests;

/// <summary>
/// Replicas of a service starting together on an empty database: each runs the migrations at start. Every file
/// (CREATE TABLE things, then ALTER TABLE … ADD COLUMN colour) fails when it runs a second time, so all of them
/// succeeding with one schema_version row per file shows each was applied once.
/// </summary>
public abstract class ConcurrentMigrationSuite<TDatabase> : IAsyncLifetime
    where TDatabase : ITestDatabase, new()
{
    private const int Replicas = 16;
    private readonly TDatabase _dialect = new();
    private Database _database = null!;

    public async Task InitializeAsync() => _database = await _dialect.CreateAsync("migrate.db");

    public Task DisposeAsync() => _dialect.DropAsync();

    [DatabaseFact]
    public async Task ApplyAsync_SeveralReplicasOnAnEmptyDatabaseAtOnce_AllSucceedAndEachFileAppliedOnce()
    {
        var replicas = Enumerable.Range(0, Replicas).Select(i => i == 0 ? _database : _dialect.OpenAnother()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = replicas.Select(async replica =>
        {
            await start.Task;
            return await MigrationRunner.ApplyAsync(replica, typeof(ConcurrentMigrationSuite<>).Assembly, CancellationToken.None);
        }).ToList();

        start.SetResult();
        var versions = await Task.WhenAll(running);

        Assert.All(versions, v => Assert.Equal(2, v));
        var recorded = await _database.RunAsync(async (c, t) =>
            (await c.QueryAsync<(long, string)>(new CommandDefinition("SELECT version, name FROM schema_version ORDER BY version", cancellationToken: t)))
                .ToList(), CancellationToken.None);
        Assert.Equal([(1L, "things"), (2L, "colour")], recorded);
        await _database.RunAsync((c, t) => c.ExecuteAsync(new CommandDefinition("INSERT INTO things (name, colour) VALUES ('a', 'red')", cancellationToken: t)),
            CancellationToken.None);
    }
}

public sealed class SqliteConcurrentMigrationTests : ConcurrentMigrationSuite<SqliteDatabase>;

[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresConcurrentMigrationTests : ConcurrentMigrationSuite<PostgresDatabase>;
