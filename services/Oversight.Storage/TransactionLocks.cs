using System.Data.Common;
using Oversight.Storage.Dialects;

namespace Oversight.Storage;

/// <summary>
/// Named locks held until the transaction ends. Taken all at once in ordinal order, so two writers that need
/// overlapping names never wait on each other in a cycle.
/// </summary>
public static class TransactionLocks
{
    public static Task TakeAsync(this DbConnection connection, ISqlDialect dialect, DbTransaction transaction, IEnumerable<string> names,
        CancellationToken cancellationToken)
    {
        var ordered = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return ordered.Count == 0 ? Task.CompletedTask : dialect.TakeLocksAsync(connection, transaction, ordered, cancellationToken);
    }
}
