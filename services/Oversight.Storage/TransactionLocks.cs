using System.Data.Common;
using Dapper;
using Oversight.Storage.Dialects;

namespace Oversight.Storage;

/// <summary>
/// Named locks held until the transaction ends. Taken all at once in ordinal order, so two writers that need
/// overlapping names never wait on each other in a cycle.
/// </summary>
public static class TransactionLocks
{
    public static async Task TakeAsync(this DbConnection connection, ISqlDialect dialect, DbTransaction transaction, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        if (dialect.TransactionLock("Name") is not { } sql)
        {
            return;
        }
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { Name = name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
