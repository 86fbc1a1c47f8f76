using Dapper;
using Oversight.Storage.Bulk;
using Oversight.Testing;

namespace Oversight.Storage.Tests;

/// <summary>
/// SQL Server's bulk statement (multi-row VALUES in chunks under its parameter limit) cannot run against a server
/// here; SQLite takes the same statement, so its chunking and order are proved on SQLite.
/// </summary>
public sealed class ValuesInsertTests
{
    [Fact]
    public async Task RunAsync_RowsOverSeveralChunks_AllStoredOnceInOrder()
    {
        using var folder = TempFolder.Create("oversight-values-");
        var database = SqliteTestDatabase.Create(folder.Path, "values.db");
        await database.RunAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, n INTEGER NOT NULL, flag INTEGER NOT NULL, note TEXT NULL)",
            cancellationToken: t)), CancellationToken.None);
        var rows = new TableRows("t", "name", "n", "flag", "note");
        for (var i = 0; i < 1_001; i++)
        {
            rows.Add($"行{i}", i, i % 2 == 0, i % 5 == 0 ? null : "注");
        }

        // 2,000 parameters a statement as on SQL Server: 500 rows of four, so three statements.
        await database.InTransactionAsync(async (c, tx, t) => { await ValuesInsert.RunAsync(c, tx, rows, 2_000, t); return 0; }, CancellationToken.None);

        var stored = await database.RunAsync(
            async (c, t) => (await c.QueryAsync<(string, long, long, string?)>(
                new CommandDefinition("SELECT name, n, flag, note FROM t ORDER BY id", cancellationToken: t))).ToList(),
            CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 1_001).Select(i => ($"行{i}", (long)i, i % 2 == 0 ? 1L : 0L, i % 5 == 0 ? null : "注")), stored);
    }
}
