using Dapper;
using Oversight.Storage;

namespace Oversight.Compliance.Storage;

/// <summary>Sweep runs and the schedule slots claimed for them.</summary>
public sealed class SweepStore(Database database)
{
    private const string Columns = "seq, sweep_id, report_year, as_of, scope_prefix, trigger_name, status, started_at, finished_at, summary, schedule_slot";

    public ValueTask<int> StartAsync(SweepRow row, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = """
                INSERT INTO sweeps (sweep_id, report_year, as_of, scope_prefix, trigger_name, status, started_at, finished_at, summary, schedule_slot)
                VALUES (@SweepId, @ReportYear, @AsOf, @ScopePrefix, @TriggerName, @Status, @StartedAt, NULL, NULL, @ScheduleSlot)
                """;
            return connection.ExecuteAsync(new CommandDefinition(Sql, row, cancellationToken: token));
        }, cancellationToken);

    public ValueTask<int> FinishAsync(string sweepId, string status, string finishedAt, string? summary, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            const string Sql = "UPDATE sweeps SET status = @Status, finished_at = @FinishedAt, summary = @Summary WHERE sweep_id = @SweepId";
            return connection.ExecuteAsync(new CommandDefinition(Sql, new { SweepId = sweepId, Status = status, FinishedAt = finishedAt, Summary = summary }, cancellationToken: token));
        }, cancellationToken);

    public ValueTask<SweepRow?> GetAsync(string sweepId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
            connection.QuerySingleOrDefaultAsync<SweepRow?>(new CommandDefinition($"SELECT {Columns} FROM sweeps WHERE sweep_id = @SweepId", new { SweepId = sweepId }, cancellationToken: token)),
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
            return (await connection.QueryAsync<SweepRow>(new CommandDefinition(sql, new { Year = reportYear, Scope = scopePrefix + "%", Before = beforeSeq, Limit = limit }, cancellationToken: token)).ConfigureAwait(false)).AsList();
        }, cancellationToken);

    /// <summary>Claims a schedule slot for a sweep; false when another run (this replica earlier, or another) has it.</summary>
    public ValueTask<bool> ClaimSlotAsync(string slot, string sweepId, string claimedAt, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            try
            {
                const string Sql = "INSERT INTO sweep_slots (slot, sweep_id, claimed_at) VALUES (@Slot, @SweepId, @ClaimedAt)";
                await connection.ExecuteAsync(new CommandDefinition(Sql, new { Slot = slot, SweepId = sweepId, ClaimedAt = claimedAt }, cancellationToken: token)).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (database.Dialect.IsUniqueViolation(ex))
            {
                return false;
            }
        }, cancellationToken);
}
