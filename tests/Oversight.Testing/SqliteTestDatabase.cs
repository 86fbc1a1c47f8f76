using Oversight.Storage;
using Oversight.Storage.Connections;

namespace Oversight.Testing;

/// <summary>A SQLite file of its own, configured as the services configure theirs.</summary>
public static class SqliteTestDatabase
{
    /// <summary>The file in a folder the caller owns (a <see cref="TempFolder"/> that deletes it afterwards).</summary>
    public static Database Create(string folder, string fileName) =>
        StorageFactory.Create(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, fileName)}" }, TimeProvider.System);

    public static string ConnectionStringOf(Database database) => ((SqliteConnectionFactory)database.Connections).ConnectionString;
}
