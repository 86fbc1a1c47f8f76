using Dapper;
using Oversight.Compliance.Sweeps;
using Oversight.Storage;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Storage;

/// <summary>Sweep runs and the schedule slots claimed for them.</summary>
public sealed class SweepStore(Database database)
{
    private const string Columns = "seq, sweep_id, report_year, as_of, scope_prefix, trigger_name, status, started_at, finished_at, summary, schedule_slot, " +
        "heartbeat_at, report_type";

    public ValueTask<int> StartAsync(SweepRow row, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = """
                INSERT INTO sweeps (sweep_id, report_year, as_of, scope_prefix, trigger_name, status, started_at, finished_at, summary, schedule_slot,
                    heartbeat_at, report_type)
                VALUES (@SweepId, @ReportYear, @AsOf, @ScopePrefix, @TriggerName, @Status, @StartedAt, NULL, NULL, @ScheduleSlot, @HeartbeatAt, @ReportType)
                """;
            return connection.ExecuteAsync(new CommandDefinition(Sql, row, cancellationToken: token));
        }, cancellationToken);

    /// <summary>Records how a sweep ended; a completed one's sweep.completed event is queued in the same transaction.</summary>
    public ValueTask<int> FinishAsync(string sweepId, string status, DateTimeOffset finishedAt, string? summary, CancellationToken cancellationToken,
        Push.PushEventRow? completed = null) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            const string Sql = "UPDATE sweeps SET status = @Status, finished_at = @FinishedAt, summary = @Summary WHERE sweep_id = @SweepId";
            var parameters = new { SweepId = sweepId, Status = status, FinishedAt = finishedAt, Summary = summary };
            var changed = await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: token));
            if (completed is not null)
            {
                var subscriptions = await PushStore.ActiveAsync(connection, transaction, token);
                await PushStore.AppendEventsAsync(connection, database.Dialect, transaction, subscriptions, [completed], finishedAt,
                    token);
            }
            return changed;
        }, cancellationToken);

    /// <summary>A running sweep says it is alive (after every batch); a finished or interrupted one no longer can.</summary>
    public ValueTask<int> HeartbeatAsync(string sweepId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = "UPDATE sweeps SET heartbeat_at = @At WHERE sweep_id = @SweepId AND status = @Running";
            return connection.ExecuteAsync(new CommandDefinition(Sql, new { SweepId = sweepId, At = at, Running = RunStatuses.Running },
                cancellationToken: token));
        }, cancellationToken);

    /// <summary>
    /// Sweeps still running whose last beat (or start) is before <paramref name="staleBefore"/> died with their process:
    /// recorded as interrupted, and their schedule slots released so that the slot runs again. Returns their ids.
    /// </summary>
    public ValueTask<IReadOnlyList<string>> InterruptStaleAsync(DateTimeOffset staleBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<string>>(async (connection, transaction, token) =>
        {
            const string Stale = "SELECT sweep_id FROM sweeps WHERE status = @Running AND COALESCE(heartbeat_at, started_at) < @Before";
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(Stale, new { Before = staleBefore, Running = RunStatuses.Running },
                transaction, cancellationToken: token))).AsList();
            if (ids.Count == 0)
            {
                return ids;
            }
            var interrupt = $"UPDATE sweeps SET status = @Interrupted, finished_at = @Now WHERE status = @Running AND {database.Dialect.In("sweep_id", "Ids")}";
            var statuses = (Running: RunStatuses.Running, Interrupted: RunStatuses.Interrupted);
            await connection.ExecuteInChunksAsync(interrupt, ids, chunk => new { Now = now, Ids = chunk, statuses.Running, statuses.Interrupted }, transaction,
                token);
            var release = $"DELETE FROM sweep_slots WHERE {database.Dialect.In("sweep_id", "Ids")}";
            await connection.ExecuteInChunksAsync(release, ids, chunk => new { Ids = chunk }, transaction, token);
            return ids;
        }, cancellationToken);

    /// <summary>Gives a slot back after its run was interrupted, so that the next poll (here or on a replica) runs it again.</summary>
    public ValueTask<int> ReleaseSlotAsync(string slot, string sweepId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = "DELETE FROM sweep_slots WHERE slot = @Slot AND sweep_id = @SweepId";
            return connection.ExecuteAsync(new CommandDefinition(Sql, new { Slot = slot, SweepId = sweepId }, cancellationToken: token));
        }, cancellationToken);

    public ValueTask<SweepRow?> GetAsync(string sweepId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
            connection.QuerySingleOrDefaultAsync<SweepRow?>(new CommandDefinition($"SELECT {Columns} FROM sweeps WHERE sweep_id = @SweepId",
                new { SweepId = sweepId }, cancellationToken: token)),
            cancellationToken);

    /// <summary>Newest first: sweeps of scopes inside <paramref name="scopePrefix"/>, before <paramref name="beforeSeq"/> (0 = from the newest).</summary>
    public ValueTask<IReadOnlyList<SweepRow>> ListAsync(int reportYear, string scopePrefix, long beforeSeq, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<SweepRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT {Columns} FROM sweeps
                WHERE (@Year = 0 OR report_year = @Year) AND scope_prefix LIKE @Scope AND (@Before = 0 OR seq < @Before)
                ORDER BY seq DESC {database.Dialect.Limit("Limit")}
                """;
            return (await connection.QueryAsync<SweepRow>(new CommandDefinition(sql,
                new { Year = reportYear, Scope = CodePrefix.LikePattern(scopePrefix), Before = beforeSeq, Limit = limit },
                cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>Claims a schedule slot for a sweep; false when another run (this replica earlier, or another) has it.</summary>
    public ValueTask<bool> ClaimSlotAsync(string slot, string sweepId, DateTimeOffset claimedAt, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            try
            {
                const string Sql = "INSERT INTO sweep_slots (slot, sweep_id, claimed_at) VALUES (@Slot, @SweepId, @ClaimedAt)";
                await connection.ExecuteAsync(new CommandDefinition(Sql, new { Slot = slot, SweepId = sweepId, ClaimedAt = claimedAt },
                    cancellationToken: token));
                return true;
            }
            catch (Exception ex) when (database.Dialect.IsUniqueViolation(ex))
            {
                return false;
            }
        }, cancellationToken);
}
