namespace Oversight.Storage.Dialects;

/// <summary>
/// Everything that differs between SQLite and SQL Server for this project's SQL, kept small on purpose:
/// statements are written in the common subset (ids made by the application, no RETURNING or MERGE),
/// schema lives in per-dialect migration files, and only what cannot be shared is here.
/// </summary>
public interface ISqlDialect
{
    /// <summary>"sqlite" or "sqlserver": also the folder of its migration files.</summary>
    string Name { get; }

    /// <summary>Appended after ORDER BY to keep the first @<paramref name="parameter"/> rows.</summary>
    string Limit(string parameter);

    /// <summary>The first <paramref name="length"/> characters of a text expression (substr / SUBSTRING).</summary>
    string Prefix(string expression, int length);

    /// <summary>Errors worth retrying: a busy or locked database, a deadlock, a failover.</summary>
    bool IsTransient(Exception exception);

    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the row (a concurrent writer got there first).</summary>
    bool IsUniqueViolation(Exception exception);
}
