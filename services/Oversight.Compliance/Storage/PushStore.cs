using System.Data.Common;
using Dapper;
using Oversight.Compliance.Push;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Storage;

/// <summary>
/// Push subscriptions, the events stored with the changes they tell of, and their deliveries: compliance's own
/// transactional outbox towards webhook receivers.
/// </summary>
public sealed class PushStore(Database database)
{
    private const string SubscriptionColumns =
        "subscription_id, name, url, event_types, scope, format, secret, state, paused_reason, created_at, created_by, failing_since, last_delivered_at";

    private const string DeliveryColumns = """
        d.seq, d.delivery_id, d.subscription_id, d.event_id, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.delivered_at,
        e.event_type, e.jurisdiction, s.scope
        """;

    private const string DeliveryJoin = """
        FROM push_deliveries d JOIN push_events e ON e.event_id = d.event_id JOIN push_subscriptions s ON s.subscription_id = d.subscription_id
        """;

    private static readonly string[] EventColumnNames = ["event_id", "event_type", "jurisdiction", "subject", "occurred_at", "data"];

    private static readonly string[] DeliveryColumnNames = ["delivery_id", "subscription_id", "event_id", "status", "attempts", "next_attempt_at",
        "last_error", "created_at"];

    private const string Pending = DeliveryStatuses.Pending;
    private const string Failed = DeliveryStatuses.Failed;
    private const string Active = SubscriptionStates.Active;

    /// <summary>Stores a subscription with its audit entry; false (nothing stored) when its scope already holds <paramref name="limit"/>.</summary>
    public ValueTask<bool> AddSubscriptionAsync(SubscriptionRow row, int limit, AuditRow audit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            // One writer at a time here, so two callers cannot both pass the limit.
            await connection.TakeAsync(database.Dialect, transaction, ["push:subscriptions"], token);
            const string Count = "SELECT COUNT(*) FROM push_subscriptions WHERE scope LIKE @Prefix";
            var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Count, new { Prefix = CodePrefix.LikePattern(row.Scope) }, transaction,
                cancellationToken: token));
            if (count >= limit)
            {
                return false;
            }
            const string Sql = """
                INSERT INTO push_subscriptions (subscription_id, name, url, event_types, scope, format, secret, state, paused_reason, created_at, created_by)
                VALUES (@SubscriptionId, @Name, @Url, @EventTypes, @Scope, @Format, @Secret, @State, @PausedReason, @CreatedAt, @CreatedBy)
                """;
            await connection.ExecuteAsync(new CommandDefinition(Sql, row, transaction, cancellationToken: token));
            await AuditStore.AppendAsync(connection, transaction, audit, token);
            return true;
        }, cancellationToken);

    public ValueTask<SubscriptionRow?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = $"SELECT {SubscriptionColumns} FROM push_subscriptions WHERE subscription_id = @Id";
            return connection.QuerySingleOrDefaultAsync<SubscriptionRow?>(new CommandDefinition(Sql, new { Id = subscriptionId }, cancellationToken: token));
        }, cancellationToken);

    public ValueTask<IReadOnlyList<SubscriptionRow>> GetSubscriptionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<SubscriptionRow>>(async (connection, token) =>
        {
            var sql = $"SELECT {SubscriptionColumns} FROM push_subscriptions WHERE {database.Dialect.In("subscription_id", "Ids")}";
            return await connection.QueryInChunksAsync<SubscriptionRow>(sql, ids, chunk => new { Ids = chunk }, null, token);
        }, cancellationToken);

    /// <summary>Subscriptions whose scope lies inside <paramref name="scopePrefix"/>, newest first.</summary>
    public ValueTask<IReadOnlyList<SubscriptionRow>> ListSubscriptionsAsync(string scopePrefix, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<SubscriptionRow>>(async (connection, token) =>
        {
            const string Sql = $"SELECT {SubscriptionColumns} FROM push_subscriptions WHERE scope LIKE @Prefix ORDER BY created_at DESC, subscription_id";
            return (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(Sql, new { Prefix = CodePrefix.LikePattern(scopePrefix) },
                cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>Deletes a subscription and its deliveries with the audit entry; false when it was not there.</summary>
    public ValueTask<bool> DeleteSubscriptionAsync(string subscriptionId, AuditRow audit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var id = new { Id = subscriptionId };
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM push_deliveries WHERE subscription_id = @Id", id, transaction,
                cancellationToken: token));
            var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM push_subscriptions WHERE subscription_id = @Id", id, transaction,
                cancellationToken: token));
            if (deleted == 0)
            {
                return false;
            }
            await AuditStore.AppendAsync(connection, transaction, audit, token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Pauses (its pending deliveries become failed, replayable) or resumes (no longer failing) a subscription that is in
    /// the other state, with the audit entry; false when it is not in <paramref name="from"/>.
    /// </summary>
    public ValueTask<bool> SetStateAsync(string subscriptionId, string from, string to, string pausedReason, AuditRow audit,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var changed = await SetStateAsync(connection, transaction, subscriptionId, from, to, pausedReason, token);
            if (changed)
            {
                await AuditStore.AppendAsync(connection, transaction, audit, token);
            }
            return changed;
        }, cancellationToken);

    private static async Task<bool> SetStateAsync(DbConnection connection, DbTransaction transaction, string subscriptionId, string from, string to,
        string pausedReason, CancellationToken token)
    {
        const string Sql = """
            UPDATE push_subscriptions SET state = @To, paused_reason = @Reason, failing_since = NULL
            WHERE subscription_id = @Id AND state = @From
            """;
        var parameters = new { Id = subscriptionId, From = from, To = to, Reason = pausedReason };
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: token)) == 0)
        {
            return false;
        }
        if (to == SubscriptionStates.Paused)
        {
            const string Give = "UPDATE push_deliveries SET status = @Failed WHERE subscription_id = @Id AND status = @Pending";
            await connection.ExecuteAsync(new CommandDefinition(Give, new { Id = subscriptionId, Failed, Pending }, transaction,
                cancellationToken: token));
        }
        return true;
    }

    /// <summary>The subscriptions events are queued for, read inside the transaction that stores the events.</summary>
    internal static async Task<IReadOnlyList<SubscriptionRow>> ActiveAsync(DbConnection connection, DbTransaction transaction, CancellationToken token)
    {
        const string Sql = $"SELECT {SubscriptionColumns} FROM push_subscriptions WHERE state = @Active";
        return (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(Sql, new { Active }, transaction,
            cancellationToken: token))).AsList();
    }

    /// <summary>
    /// Inside the transaction of the change the events tell of: the events, and a delivery for each subscription that
    /// wants one. Events nobody subscribed to are not stored.
    /// </summary>
    internal static async Task<int> AppendEventsAsync(DbConnection connection, Oversight.Storage.Dialects.ISqlDialect dialect, DbTransaction transaction,
        IReadOnlyList<SubscriptionRow> subscriptions, IEnumerable<PushEventRow> events, DateTimeOffset now, CancellationToken token)
    {
        var eventRows = new TableRows("push_events", EventColumnNames);
        var deliveryRows = new TableRows("push_deliveries", DeliveryColumnNames);
        var queued = 0;
        foreach (var e in events)
        {
            var wanting = subscriptions.Where(s => s.Wants(e)).ToList();
            if (wanting.Count == 0)
            {
                continue;
            }
            eventRows.Add(e.EventId, e.EventType, e.Jurisdiction, e.Subject, e.OccurredAt, e.Data);
            foreach (var subscription in wanting)
            {
                deliveryRows.Add(DeliveryRow.NewId(), subscription.SubscriptionId, e.EventId, Pending, 0, now, "", now);
                queued++;
            }
        }
        await connection.InsertAsync(dialect, transaction, eventRows, token);
        await connection.InsertAsync(dialect, transaction, deliveryRows, token);
        return queued;
    }

    /// <summary>Events outside another store's transaction (a sweep's end).</summary>
    public ValueTask<int> AppendEventsAsync(IReadOnlyList<PushEventRow> events, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var subscriptions = await ActiveAsync(connection, transaction, token);
            return await AppendEventsAsync(connection, database.Dialect, transaction, subscriptions, events, now, token);
        }, cancellationToken);

    /// <summary>
    /// Claims due deliveries of active subscriptions, oldest first, at most <paramref name="perSubscription"/> each and only
    /// the due ones before a subscription's first delivery that is not due (one retrying holds back those behind it, so a
    /// receiver sees its events in order). The claim moves them <paramref name="lease"/> ahead; another replica takes them
    /// only after it ends.
    /// </summary>
    public ValueTask<IReadOnlyList<DeliveryRow>> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int perSubscription, int limit,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<DeliveryRow>>(async (connection, transaction, token) =>
        {
            await connection.TakeAsync(database.Dialect, transaction, ["push:claim"], token);
            // Due, and no earlier pending delivery of the same subscription waiting for a later attempt.
            var sql = $"""
                SELECT * FROM (
                    SELECT {DeliveryColumns}, ROW_NUMBER() OVER (PARTITION BY d.subscription_id ORDER BY d.seq) AS n {DeliveryJoin}
                    WHERE d.status = @Pending AND s.state = @Active AND d.next_attempt_at <= @Now
                        AND NOT EXISTS (SELECT 1 FROM push_deliveries x
                            WHERE x.subscription_id = d.subscription_id AND x.status = @Pending AND x.seq < d.seq AND x.next_attempt_at > @Now)
                ) t WHERE n <= @PerSubscription ORDER BY seq {database.Dialect.Limit("Limit")}
                """;
            var parameters = new { Pending, Active, Now = now, PerSubscription = perSubscription, Limit = limit };
            var claimed = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(sql, parameters, transaction,
                cancellationToken: token))).AsList();
            var claim = $"UPDATE push_deliveries SET next_attempt_at = @Until WHERE status = @Pending AND {database.Dialect.In("delivery_id", "Ids")}";
            await connection.ExecuteInChunksAsync(claim, claimed.Select(c => c.DeliveryId), ids => new { Ids = ids, Until = leaseUntil, Pending }, transaction,
                token);
            return claimed;
        }, cancellationToken);

    /// <summary>Hands claimed deliveries back, due at <paramref name="at"/> (those behind a failed one).</summary>
    public ValueTask<int> ReleaseAsync(IEnumerable<string> deliveryIds, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            var sql = $"UPDATE push_deliveries SET next_attempt_at = @At WHERE status = @Pending AND {database.Dialect.In("delivery_id", "Ids")}";
            return connection.ExecuteInChunksAsync(sql, deliveryIds, ids => new { Ids = ids, At = at, Pending }, null, token);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<PushEventRow>> GetEventsAsync(IEnumerable<string> eventIds, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<PushEventRow>>(async (connection, token) =>
        {
            var sql = $"SELECT seq, event_id, event_type, jurisdiction, subject, occurred_at, data FROM push_events WHERE " +
                $"{database.Dialect.In("event_id", "Ids")}";
            return await connection.QueryInChunksAsync<PushEventRow>(sql, eventIds.Distinct(StringComparer.Ordinal), ids => new { Ids = ids }, null,
                token);
        }, cancellationToken);

    /// <summary>A delivery that went through: the subscription is no longer failing.</summary>
    public ValueTask<int> DeliveredAsync(DeliveryRow delivery, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = "UPDATE push_deliveries SET status = @Delivered, attempts = attempts + 1, delivered_at = @Now, last_error = '' WHERE " +
                "delivery_id = @Id";
            var parameters = new { Id = delivery.DeliveryId, Now = now, Delivered = DeliveryStatuses.Delivered };
            await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: token));
            const string Subscription = "UPDATE push_subscriptions SET failing_since = NULL, last_delivered_at = @Now WHERE subscription_id = @Id";
            return await connection.ExecuteAsync(new CommandDefinition(Subscription, new { Id = delivery.SubscriptionId, Now = now }, transaction,
                cancellationToken: token));
        }, cancellationToken);

    /// <summary>
    /// A failed attempt: the next one at <paramref name="nextAttemptAt"/>; the subscription is failing since its first
    /// failure after a success, and is paused (with <paramref name="pauseAudit"/>) once that is at or before
    /// <paramref name="pauseIfFailingSince"/>. True when it was paused.
    /// </summary>
    public ValueTask<bool> FailedAsync(DeliveryRow delivery, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt,
        DateTimeOffset pauseIfFailingSince, AuditRow pauseAudit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = "UPDATE push_deliveries SET attempts = attempts + 1, last_error = @Error, next_attempt_at = @Next WHERE delivery_id = @Id AND " +
                "status = @Pending";
            var parameters = new { Id = delivery.DeliveryId, Error = error.Length > 1000 ? error[..1000] : error, Next = nextAttemptAt, Pending };
            await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: token));
            const string Failing = "UPDATE push_subscriptions SET failing_since = COALESCE(failing_since, @Now) WHERE subscription_id = @Id";
            var id = new { Id = delivery.SubscriptionId, Now = now };
            await connection.ExecuteAsync(new CommandDefinition(Failing, id, transaction, cancellationToken: token));
            const string Since = "SELECT failing_since FROM push_subscriptions WHERE subscription_id = @Id AND state = @Active";
            var since = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(Since, new { id.Id, Active }, transaction,
                cancellationToken: token));
            if (since is null || since > pauseIfFailingSince)
            {
                return false;
            }
            var paused = await SetStateAsync(connection, transaction, delivery.SubscriptionId, Active, SubscriptionStates.Paused,
                SubscriptionStates.PausedFailing, token);
            if (paused)
            {
                await AuditStore.AppendAsync(connection, transaction, pauseAudit, token);
            }
            return paused;
        }, cancellationToken);

    /// <summary>Deliveries of subscriptions inside a scope, newest first, before <paramref name="beforeSeq"/> (0 = from the newest).</summary>
    public ValueTask<IReadOnlyList<DeliveryRow>> ListDeliveriesAsync(string scopePrefix, string subscriptionId, string status, long beforeSeq, int limit,
        CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<DeliveryRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT {DeliveryColumns} {DeliveryJoin}
                WHERE s.scope LIKE @Prefix AND (@Subscription = '' OR d.subscription_id = @Subscription) AND (@Status = '' OR d.status = @Status)
                    AND (@Before = 0 OR d.seq < @Before)
                ORDER BY d.seq DESC {database.Dialect.Limit("Limit")}
                """;
            var parameters = new
            {
                Prefix = CodePrefix.LikePattern(scopePrefix), Subscription = subscriptionId, Status = status, Before = beforeSeq, Limit = limit,
            };
            return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(sql, parameters, cancellationToken: token))).AsList();
        }, cancellationToken);

    public ValueTask<DeliveryRow?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = $"SELECT {DeliveryColumns} {DeliveryJoin} WHERE d.delivery_id = @Id";
            return connection.QuerySingleOrDefaultAsync<DeliveryRow?>(new CommandDefinition(Sql, new { Id = deliveryId }, cancellationToken: token));
        }, cancellationToken);

    /// <summary>Queues a delivered or failed delivery again, due now, with its audit entry; false when it is pending already.</summary>
    public ValueTask<bool> ReplayAsync(string deliveryId, DateTimeOffset now, AuditRow audit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = "UPDATE push_deliveries SET status = @Pending, next_attempt_at = @Now, delivered_at = NULL WHERE delivery_id = @Id AND status " +
                "<> @Pending";
            if (await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = deliveryId, Now = now, Pending }, transaction,
                cancellationToken: token)) == 0)
            {
                return false;
            }
            await AuditStore.AppendAsync(connection, transaction, audit, token);
            return true;
        }, cancellationToken);
}
