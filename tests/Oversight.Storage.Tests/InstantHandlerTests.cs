using Dapper;
using Oversight.Storage.Bulk;
using Oversight.Storage.Connections;
using Oversight.Testing;

namespace Oversight.Storage.Tests;

/// <summary>Instants go to the database as the SqlTime text rows held before they were DateTimeOffsets, and come back from it.</summary>
public sealed class InstantHandlerTests : IDisposable
{
    private const string Stored = "2026-02-01T00:00:00.1234567Z";
    private static readonly DateTimeOffset Instant = new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);
    private readonly TempFolder _directory = TempFolder.Create("oversight-instants-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Parameter_InstantWithAnOffset_StoredAsTheUtcTextOfSqlTimeAndReadBack()
    {
        var database = StorageFactory.Create(
            new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory.Path, "t.db")}" }, TimeProvider.System);

        var (text, instant, missing, older) = await database.RunAsync(async (connection, token) =>
        {
            await connection.ExecuteAsync("CREATE TABLE t (id INTEGER NOT NULL, at TEXT NULL)");
            await connection.ExecuteAsync("INSERT INTO t (id, at) VALUES (1, @At), (2, @None), (3, '2024-03-05T06:07:08.0000000Z')",
                new { At = Instant, None = (DateTimeOffset?)null });
            return (await connection.ExecuteScalarAsync<string>("SELECT at FROM t WHERE id = 1"),
                await connection.QuerySingleAsync<DateTimeOffset>("SELECT at FROM t WHERE id = 1 AND at >= @From", new { From = Instant.AddTicks(-1) }),
                await connection.QuerySingleAsync<DateTimeOffset?>("SELECT at FROM t WHERE id = 2"),
                await connection.QuerySingleAsync<DateTimeOffset>("SELECT at FROM t WHERE id = 3"));
        }, CancellationToken.None);

        Assert.Equal(Stored, text);
        Assert.Equal((Instant, TimeSpan.Zero), (instant, instant.Offset));
        Assert.Null(missing);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 6, 7, 8, TimeSpan.Zero), older);
    }

    [Fact]
    public void TableRows_Instant_HeldAsTheStoredText()
    {
        var rows = new TableRows("t", "id", "at");

        rows.Add(1, Instant);

        Assert.Equal(Stored, rows.Rows[0][1]);
    }
}
