using Microsoft.Data.Sqlite;

namespace Oversight.Storage.Dialects;

public sealed class SqliteDialect : ISqlDialect
{
    private const int Busy = 5;
    private const int Locked = 6;

    public static SqliteDialect Instance { get; } = new();

    public string Name => "sqlite";

    public string Limit(string parameter) => $"LIMIT @{parameter}";

    public string Prefix(string expression, int length) => $"substr({expression}, 1, {length})";

    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked };

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
