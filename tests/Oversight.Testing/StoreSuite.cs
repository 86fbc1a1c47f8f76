using System.Reflection;
using Oversight.Storage;
using Oversight.Storage.Migrations;
using Xunit;

namespace Oversight.Testing;

/// <summary>
/// The setup every store suite shares (as in Dapper's tests): a throw-away database of the dialect
/// <typeparamref name="TDatabase"/> per test, migrated with the service's own migrations, dropped afterwards. A service's
/// suite derives from this with its file name and migrations; each dialect's test class is then one sealed line.
/// </summary>
public abstract class StoreSuite<TDatabase>(string fileName, Assembly migrations) : IAsyncLifetime
    where TDatabase : ITestDatabase, new()
{
    private readonly TDatabase _dialect = new();

    protected Database Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await _dialect.CreateAsync(fileName);
        await MigrationRunner.ApplyAsync(Database, migrations, CancellationToken.None);
    }

    public Task DisposeAsync() => _dialect.DropAsync();

    /// <summary>Another service instance's view of the same database: its own connections and pool.</summary>
    protected Database OpenAnother() => _dialect.OpenAnother();
}
