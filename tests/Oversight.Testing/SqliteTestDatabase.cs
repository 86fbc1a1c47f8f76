using Oversight.Storage;
using Oversight.Storage.Connections;

namespace Oversight.Testing;

/// <summary>A SQLite file of its own in a fresh temporary folder, configured as the services configure theirs.</summary>
public static class SqliteTestDatabase
{
    public static Database Create(string fileName)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("oversight-store-").FullName, fileName);
        return StorageFactory.Create(new StorageOptions { ConnectionString = $"Data Source={path}" }, TimeProvider.System);
    }

    public static string ConnectionStringOf(Database database) => ((SqliteConnectionFactory)database.Connections).ConnectionString;
}
