namespace Oversight.Storage.Connections;

/// <summary>Which database a service uses. Bound from "{Service}:Storage" (appsettings.json or environment variables).</summary>
public sealed class StorageOptions
{
    public const string Sqlite = "sqlite";
    public const string SqlServer = "sqlserver";

    /// <summary>"sqlite" (embedded default, one file per service) or "sqlserver".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>For SQLite, "Data Source=path/to/file.db"; for SQL Server, an ADO.NET connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How long SQLite waits on a locked database before reporting busy.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
