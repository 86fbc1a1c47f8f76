using System.Data.Common;
using Oversight.Storage.Dialects;

namespace Oversight.Storage.Bulk;

public static class BulkInserts
{
    /// <summary>Inserts every row, in order, inside <paramref name="transaction"/>, with the dialect's bulk facility.</summary>
    public static Task InsertAsync(this DbConnection connection, ISqlDialect dialect, DbTransaction transaction, TableRows rows,
        CancellationToken cancellationToken) =>
        rows.Count == 0 ? Task.CompletedTask : dialect.InsertRowsAsync(connection, transaction, rows, cancellationToken);

    /// <summary>Flags are stored as 0/1 integers on every dialect, as the FlagHandler does for Dapper's parameters.</summary>
    internal static object? Stored(object? value) => value is bool flag ? (flag ? 1L : 0L) : value;
}
