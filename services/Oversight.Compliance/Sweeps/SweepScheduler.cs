using Oversight.Analysis;
using Microsoft.Extensions.Options;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using SweepProgress = Oversight.Contracts.Compliance.V1.SweepProgress;

namespace Oversight.Compliance.Sweeps;

/// <summary>
/// Starts sweeps by itself: daily at a set time (China time) and on the first day after each disclosure deadline,
/// for last year's reports. Each run is a slot ("daily@2026-04-02", "deadline@2026-04-01") claimed in the database
/// before it starts, so a restart or a second replica never runs the same slot twice. A run interrupted by a stopping
/// host gives its slot back, and one left running by a killed process is found by its stale heartbeat: either way the
/// slot runs again on the next poll, here or on a replica.
/// </summary>
public sealed class SweepScheduler(SweepRunner runner, SweepStore sweeps, AuditLog audit, PacksInForce packs, IOptions<ComplianceOptions> options,
    TimeProvider time, ILogger<SweepScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan China = ChinaTime.Offset;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Even without a schedule it polls, so that a sweep a killed process left running (one started by RunSweep too)
        // is recorded as interrupted once its heartbeat is stale.
        var schedule = options.Value.Schedule;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ComplianceLog.ScheduledSweepFailed(logger, ex);
            }
            await Task.Delay(schedule.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Interrupts stale sweeps, then runs every slot due now that nobody has claimed; returns the slots this call ran.</summary>
    /// <param name="progress">Observes the runs' progress (the sweep's own record is kept either way).</param>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken cancellationToken, Func<SweepProgress, Task>? progress = null)
    {
        var schedule = options.Value.Schedule;
        var stale = await sweeps.InterruptStaleAsync(time.GetUtcNow() - schedule.StaleAfter, time.GetUtcNow(), cancellationToken);
        foreach (var sweepId in stale)
        {
            ComplianceLog.StaleSweepInterrupted(logger, sweepId);
        }
        if (!schedule.Enabled)
        {
            return [];
        }
        var now = time.GetUtcNow().ToOffset(China);
        var today = DateOnly.FromDateTime(now.DateTime);
        var year = today.Year - 1;
        // Each report type has its own sweeps (its NOT_DISCLOSED, its deadline); the rule-of-law report's slots keep their names.
        var due = new List<(string Slot, DateOnly AsOf, string Type)>();
        foreach (var type in ReportTypes.All)
        {
            var suffix = type == ReportTypes.RuleOfLaw ? "" : ":" + type;
            if (now.TimeOfDay >= schedule.DailyAt)
            {
                due.Add(($"daily{suffix}@{today:yyyy-MM-dd}", today, type));
            }
            if (schedule.DayAfterDeadline)
            {
                foreach (var deadline in packs.Packs.Where(p => p.Type == type).SelectMany(p => p.Deadlines)
                    .Where(d => d.Deadline == DeadlineRule.Disclosure && d.Severity.Length > 0))
                {
                    var firstLateDay = DateOnly.FromDateTime(deadline.DueBefore(year).DateTime);
                    if (firstLateDay == today)
                    {
                        due.Add(($"deadline{suffix}@{today:yyyy-MM-dd}", today, type));
                    }
                }
            }
        }
        var ran = new List<string>();
        foreach (var (slot, asOf, type) in due.DistinctBy(d => d.Slot))
        {
            var slotKey = schedule.ScopePrefix.Length == 0 ? slot : $"{slot}/{schedule.ScopePrefix}";
            var sweepId = SweepRequest.NewId();
            if (!await sweeps.ClaimSlotAsync(slotKey, sweepId, time.GetUtcNow(), cancellationToken))
            {
                continue;
            }
            await audit.RecordAsync(AuditLog.Scheduler, AuditActions.SweepRun, sweepId, schedule.ScopePrefix,
                $"report_year {year}, report_type {type}, as_of {asOf:yyyy-MM-dd}, slot {slotKey}", cancellationToken);
            try
            {
                var sweep = await runner.RunAsync(new SweepRequest(year, asOf, schedule.ScopePrefix, "schedule", slotKey, sweepId, type),
                    progress ?? (_ => Task.CompletedTask), cancellationToken);
                ComplianceLog.ScheduledSweepDone(logger, slotKey, sweep.SweepId);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the run is recorded as interrupted; the slot goes back so the next start runs it again.
                await sweeps.ReleaseSlotAsync(slotKey, sweepId, CancellationToken.None);
                ComplianceLog.ScheduledSweepInterrupted(logger, slotKey, sweepId);
                throw;
            }
            ran.Add(slotKey);
        }
        return ran;
    }
}
