using System.Data.Common;
using Dapper;
using Oversight.Storage;

namespace Oversight.Ingestion.Storage;

/// <summary>Notifications to the other services, written in the transaction that stores the report.</summary>
public sealed class OutboxStore(Database database)
{
    /// <summary>
    /// Claims due notifications for <paramref name="targets"/>, oldest first, for one replica. A notification waits
    /// while an older one for the same report and target is undelivered, so each receiver sees a report's revisions in
    /// order. The claimed rows' next attempt moves to <paramref name="leaseUntil"/> in the same transaction, so replicas
    /// sharing the database never deliver the same row at once, and a replica that dies leaves its rows due again after the lease.
    /// </summary>
    public ValueTask<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, IReadOnlyCollection<string> targets, int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction, token) =>
        {
            await connection.TakeAsync(database.Dialect, transaction, ["outbox:claim"], token);
            var sql = $"""
                SELECT o.id, o.report_id, o.revision, o.target, o.attempts, o.trace_parent FROM outbox o
                WHERE o.delivered_at IS NULL AND o.next_attempt_at <= @Now AND {database.Dialect.In("o.target", "Targets")}
                  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.report_id = o.report_id AND e.target = o.target AND e.delivered_at IS NULL AND e.id < o.id)
                ORDER BY o.id {database.Dialect.Limit("Limit")}
                """;
            var claimed = (await connection.QueryAsync<OutboxMessage>(new CommandDefinition(sql, new { Now = SqlTime.Format(now), Targets = targets.ToList(), Limit = limit }, transaction, cancellationToken: token))).AsList();
            if (claimed.Count > 0)
            {
                var lease = $"UPDATE outbox SET next_attempt_at = @Until WHERE {database.Dialect.In("id", "Ids")}";
                await connection.ExecuteAsync(new CommandDefinition(lease, new { Until = SqlTime.Format(leaseUntil), Ids = claimed.Select(m => m.Id).ToList() }, transaction, cancellationToken: token));
            }
            return claimed;
        }, cancellationToken);

    public ValueTask<int> MarkDeliveredAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        MarkDeliveredAsync([id], now, cancellationToken);

    /// <summary>Marks a batch in one statement: one write per batch rather than per notification.</summary>
    public ValueTask<int> MarkDeliveredAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            var sql = $"UPDATE outbox SET delivered_at = @Now, attempts = attempts + 1, last_error = NULL WHERE {database.Dialect.In("id", "Ids")}";
            return connection.ExecuteAsync(new CommandDefinition(sql, new { Ids = ids, Now = SqlTime.Format(now) }, cancellationToken: token));
        }, cancellationToken);

    public ValueTask<int> MarkFailedAsync(long id, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @Next, last_error = @Error WHERE id = @Id";
            return connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, Next = SqlTime.Format(nextAttempt), Error = error.Length > 1000 ? error[..1000] : error }, cancellationToken: token));
        }, cancellationToken);

    /// <summary>Undelivered notifications and when the oldest of them was stored (null when there is none).</summary>
    public ValueTask<(long Pending, DateTimeOffset? OldestCreatedAt)> BacklogAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            const string Sql = "SELECT COUNT(*) AS Pending, MIN(created_at) AS Oldest FROM outbox WHERE delivered_at IS NULL";
            var row = await connection.QuerySingleAsync<(long Pending, string? Oldest)>(new CommandDefinition(Sql, cancellationToken: token));
            return (row.Pending, row.Oldest is null ? (DateTimeOffset?)null : SqlTime.Parse(row.Oldest));
        }, cancellationToken);

    public ValueTask<long> PendingCountAsync(CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL";
            return connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, cancellationToken: token));
        }, cancellationToken);
}

public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string ReportId { get; set; } = "";
    public int Revision { get; set; }
    public string Target { get; set; } = "";
    public int Attempts { get; set; }

    /// <summary>The traceparent of the call that stored the report, which the delivery continues.</summary>
    public string? TraceParent { get; set; }
}
