using Oversight.Analysis;
using Microsoft.Extensions.Options;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using Oversight.Storage;

namespace Oversight.Compliance.Sweeps;

/// <summary>
/// Starts sweeps by itself: daily at a set time (China time) and on the first day after each disclosure deadline,
/// for last year's reports. Each run is a slot ("daily@2026-04-02", "deadline@2026-04-01") claimed in the database
/// before it starts, so a restart or a second replica never runs the same slot twice.
/// </summary>
public sealed class SweepScheduler(SweepRunner runner, SweepStore sweeps, AuditLog audit, PacksInForce packs, IOptions<ComplianceOptions> options, TimeProvider time, ILogger<SweepScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan China = ChinaTime.Offset;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Schedule;
        if (!schedule.Enabled)
        {
            return;
        }
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

    /// <summary>Runs every slot due now that nobody has claimed; returns the slots this call ran.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken cancellationToken)
    {
        var schedule = options.Value.Schedule;
        var now = time.GetUtcNow().ToOffset(China);
        var today = DateOnly.FromDateTime(now.DateTime);
        var year = today.Year - 1;
        var due = new List<(string Slot, DateOnly AsOf)>();
        if (now.TimeOfDay >= schedule.DailyAt)
        {
            due.Add(($"daily@{today:yyyy-MM-dd}", today));
        }
        if (schedule.DayAfterDeadline)
        {
            foreach (var deadline in packs.Packs.SelectMany(p => p.Deadlines).Where(d => d.Deadline == DeadlineRule.Disclosure && d.Severity.Length > 0))
            {
                var firstLateDay = DateOnly.FromDateTime(deadline.DueBefore(year).DateTime);
                if (firstLateDay == today)
                {
                    due.Add(($"deadline@{today:yyyy-MM-dd}", today));
                }
            }
        }
        var ran = new List<string>();
        foreach (var (slot, asOf) in due.DistinctBy(d => d.Slot))
        {
            var slotKey = schedule.ScopePrefix.Length == 0 ? slot : $"{slot}/{schedule.ScopePrefix}";
            var sweepId = SweepRequest.NewId();
            if (!await sweeps.ClaimSlotAsync(slotKey, sweepId, SqlTime.Format(time.GetUtcNow()), cancellationToken))
            {
                continue;
            }
            await audit.RecordAsync(AuditLog.Scheduler, AuditActions.SweepRun, sweepId, schedule.ScopePrefix, $"report_year {year}, as_of {asOf:yyyy-MM-dd}, slot {slotKey}", cancellationToken);
            var sweep = await runner.RunAsync(new SweepRequest(year, asOf, schedule.ScopePrefix, "schedule", slotKey, sweepId), _ => Task.CompletedTask, cancellationToken);
            ComplianceLog.ScheduledSweepDone(logger, slotKey, sweep.SweepId);
            ran.Add(slotKey);
        }
        return ran;
    }
}
