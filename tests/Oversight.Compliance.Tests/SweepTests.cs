using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Oversight.Compliance;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using Oversight.Compliance.Sweeps;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Storage;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

/// <summary>Sweeps over the five seeds and the shipped registry, as issue 7 asks.</summary>
public sealed class SweepTests : IAsyncLifetime
{
    private ComplianceStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await ComplianceStack.StartAsync(seedRegistry: true);
        foreach (var seed in SampleReports.All)
        {
            await _stack.SubmitAsync(seed);
        }
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private async Task<(List<SweepProgress> Progress, Sweep Completed)> SweepAsync(int year, int month, int day, string prefix = "1402")
    {
        using var call = _stack.Compliance.RunSweep(new RunSweepRequest
        {
            ReportYear = year, AsOf = new Date { Year = 2026, Month = month, Day = day },
            ScopePrefix = prefix, Trigger = "test"
        });
        var progress = new List<SweepProgress>();
        Sweep? completed = null;
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            if (item.EventCase == SweepEvent.EventOneofCase.Progress)
            {
                progress.Add(item.Progress);
            }
            else
            {
                completed = item.Completed;
            }
        }
        return (progress, completed!);
    }

    private async Task<List<Finding>> NotDisclosedAsync()
    {
        var all = new List<Finding>();
        var token = "";
        do
        {
            var page = await _stack.Compliance.ListFindingsAsync(new ListFindingsRequest
            {
                Code = "NOT_DISCLOSED", ReportYear = 2025,
                PageSize = 500, PageToken = token
            });
            all.AddRange(page.Findings);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    [Fact]
    public async Task RunSweep_Datong2025AfterTheDeadline_FlagsTheBodiesWithoutAReportOnly()
    {
        var (progress, completed) = await SweepAsync(2025, 4, 2);
        var flagged = await NotDisclosedAsync();

        Assert.Equal(("completed", "test", "1402"), (completed.Status, completed.Trigger, completed.ScopePrefix));
        Assert.Equal(["reports", "registry"], progress.Select(p => p.Phase).Distinct());
        Assert.Equal(3L, completed.Summary.ReportsChecked); // 浑源县, 云冈区, 云冈镇
        Assert.Equal(3L, completed.Summary.BodiesExpected - completed.Summary.BodiesWithoutReport);
        var codes = flagged.Select(f => f.JurisdictionCode).ToHashSet();
        Assert.Equal(completed.Summary.BodiesWithoutReport, flagged.Count);
        Assert.DoesNotContain("140225", codes);
        Assert.DoesNotContain("140214", codes);
        Assert.DoesNotContain("140214102", codes);
        Assert.Contains("140212", codes); // 新荣区
        Assert.All(flagged, f => Assert.StartsWith("1402", f.JurisdictionCode, StringComparison.Ordinal));
        Assert.All(flagged, f => Assert.Equal(("error", completed.SweepId, ""), (f.Severity, f.SweepId, f.ReportId)));
        Assert.Contains(completed.Summary.ByCode, c => c.Code == "NOT_DISCLOSED" && c.Count == flagged.Count);
        Assert.Contains(completed.Summary.ByCode, c => c.Code == "SHORTFALLS_WITHOUT_CAUSES" && c.Count == 1);
    }

    [Fact]
    public async Task RunSweep_BeforeTheDeadline_FlagsNoneAndALaterSweepFlagsThem()
    {
        var (_, early) = await SweepAsync(2025, 3, 15);
        var none = await NotDisclosedAsync();
        var (_, lastGoodDay) = await SweepAsync(2025, 3, 31);
        var stillNone = await NotDisclosedAsync();
        var (_, late) = await SweepAsync(2025, 4, 1);
        var flagged = await NotDisclosedAsync();
        var (_, again) = await SweepAsync(2025, 4, 2);
        var same = await NotDisclosedAsync();

        Assert.Empty(none);
        Assert.Empty(stillNone);
        Assert.True(early.Summary.BodiesWithoutReport > 100);
        Assert.Equal(early.Summary.BodiesWithoutReport, flagged.Count);
        Assert.Equal(flagged.Select(f => f.FindingId).Order(), same.Select(f => f.FindingId).Order()); // not flagged twice
        var sweeps = await _stack.Compliance.ListSweepsAsync(new ListSweepsRequest { ReportYear = 2025 });
        Assert.Equal([again.SweepId, late.SweepId, lastGoodDay.SweepId, early.SweepId], sweeps.Sweeps.Select(s => s.SweepId));
        var stored = await _stack.Compliance.GetSweepAsync(new GetSweepRequest { SweepId = late.SweepId });
        Assert.Equal(late.Summary, stored.Summary);
    }

    [Fact]
    public async Task RunSweep_BodyReportsLater_ItsNotDisclosedFindingGoes()
    {
        await SweepAsync(2025, 4, 2);
        Assert.Contains(await NotDisclosedAsync(), f => f.JurisdictionCode == "140212");
        var text = SampleReports.Text(SampleReports.YungangTown).Replace("云冈镇", "新荣镇", StringComparison.Ordinal);
        Assert.Contains(await NotDisclosedAsync(), f => f.JurisdictionCode == "140212100");
        var submitted = await _stack.Ingestion.SubmitReportAsync(
            new Contracts.Ingestion.V1.SubmitReportRequest
            {
                Content = Google.Protobuf.ByteString.CopyFromUtf8(text),
                JurisdictionCode = "140212100", ReportYear = 2025
            });

        await _stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = submitted.ReportId });
        var afterCheck = await NotDisclosedAsync();
        await SweepAsync(2025, 4, 3);

        Assert.DoesNotContain(afterCheck, f => f.JurisdictionCode == "140212100");
        Assert.DoesNotContain(await NotDisclosedAsync(), f => f.JurisdictionCode == "140212100");
        Assert.Contains(await NotDisclosedAsync(), f => f.JurisdictionCode == "140212101"); // 古店镇 still has none
    }

    [Theory]
    [InlineData(0, 4, 2, "", "report_year")]
    [InlineData(2025, 2, 30, "", "as_of")]
    [InlineData(2025, 4, 2, "14x", "scope_prefix")]
    public async Task RunSweep_BadRequest_InvalidArgumentAndNoSweepStored(int year, int month, int day, string prefix, string mentioned)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => SweepAsync(year, month, day, prefix));
        var sweeps = await _stack.Compliance.ListSweepsAsync(new ListSweepsRequest());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(mentioned, ex.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(sweeps.Sweeps);
    }

    // SIGTERM during a sweep cancels it (the host's stopping token, or the caller's call); it is recorded as
    // interrupted, not failed, and never left running.
    [Fact]
    public async Task Run_CancelledAfterTheReportsPhase_RecordedAsInterrupted()
    {
        var runner = _stack.Services.GetRequiredService<SweepRunner>();
        using var stopping = new CancellationTokenSource();
        var request = new SweepRequest(2025, new DateOnly(2026, 4, 2), "1402", "test", SweepId: SweepRequest.NewId());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(request, progress =>
        {
            if (progress.Phase == "reports")
            {
                stopping.Cancel();
            }
            return Task.CompletedTask;
        }, stopping.Token));

        var stored = await _stack.Compliance.GetSweepAsync(new GetSweepRequest { SweepId = request.SweepId });
        Assert.Equal("interrupted", stored.Status);
        Assert.NotNull(stored.FinishedAt);
    }

    [Fact]
    public async Task Telemetry_Sweep_FindingsByCodeAndTheRunCounted()
    {
        var measured = new System.Collections.Concurrent.ConcurrentQueue<(string Instrument, long Value, string Tags)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ComplianceTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Enqueue((instrument.Name, value, string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        await SweepAsync(2025, 4, 2, "1402");

        Assert.Contains(measured, m => m.Instrument == "oversight.findings.produced"
            && m.Tags.Contains("code=SHORTFALLS_WITHOUT_CAUSES", StringComparison.Ordinal));
        Assert.Contains(measured, m => m.Instrument == "oversight.sweep.runs" && m.Tags == "status=completed");
        Assert.Contains(measured, m => m.Instrument == "oversight.sweep.reports" && m.Value > 0);
    }

    [Fact]
    public async Task GetSweep_Unknown_NotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _stack.Compliance.GetSweepAsync(new GetSweepRequest { SweepId = "s_nope" }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "SWEEP_NOT_FOUND"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Fact]
    public async Task Scheduler_TwoReplicasOnDeadlineMorning_EachSlotRunsOnce()
    {
        var services = _stack.Services;
        var options = Options.Create(new ComplianceOptions
        {
            Schedule = new ScheduleOptions
            {
                Enabled = true, DailyAt = TimeSpan.FromHours(2),
                ScopePrefix = "1402"
            }
        });
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 1, 3, 0, 0, TimeSpan.FromHours(8)));
        SweepScheduler Replica() => new(services.GetRequiredService<SweepRunner>(), services.GetRequiredService<SweepStore>(),
            services.GetRequiredService<AuditLog>(), services.GetRequiredService<PacksInForce>(), options, clock, NullLogger<SweepScheduler>.Instance);

        var first = await Replica().RunDueAsync(CancellationToken.None);
        var second = await Replica().RunDueAsync(CancellationToken.None);
        clock.Now = clock.Now.AddDays(1);
        var nextDay = await Replica().RunDueAsync(CancellationToken.None);

        // The disclosure report's deadline (February 1) is long past: only its daily sweep.
        Assert.Equal(["daily@2026-04-01/1402", "deadline@2026-04-01/1402", "daily:information_disclosure@2026-04-01/1402"], first);
        Assert.Empty(second);
        Assert.Equal(["daily@2026-04-02/1402", "daily:information_disclosure@2026-04-02/1402"], nextDay);
        var sweeps = await _stack.Compliance.ListSweepsAsync(new ListSweepsRequest());
        Assert.Equal(5, sweeps.Sweeps.Count);
        Assert.Equal(2, sweeps.Sweeps.Count(s => s.ReportType == "information_disclosure"));
        Assert.All(sweeps.Sweeps, s => Assert.Equal(("schedule", 2025), (s.Trigger, s.ReportYear)));
        Assert.NotEmpty(await NotDisclosedAsync());
    }

    [Fact]
    public async Task Scheduler_StoppedDuringARun_InterruptedAndTheSlotRunsOnNextStart()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 6, 3, 0, 0, TimeSpan.FromHours(8)));
        var scheduler = Scheduler(clock);
        using var stopping = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scheduler.RunDueAsync(stopping.Token, progress =>
        {
            if (progress.Phase == "reports")
            {
                stopping.Cancel();
            }
            return Task.CompletedTask;
        }));
        var rerun = await Scheduler(clock).RunDueAsync(CancellationToken.None);

        Assert.Equal(["daily@2026-05-06/1402", "daily:information_disclosure@2026-05-06/1402"], rerun);
        var sweeps = (await _stack.Compliance.ListSweepsAsync(new ListSweepsRequest())).Sweeps;
        Assert.Equal(["completed", "completed", "interrupted"], sweeps.Select(s => s.Status));
        Assert.Empty(await Scheduler(clock).RunDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Scheduler_SweepLeftRunningByAKilledProcess_InterruptedOnceStaleAndTheSlotRunsAgain()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 6, 3, 0, 0, TimeSpan.FromHours(8)));
        var store = _stack.Services.GetRequiredService<SweepStore>();
        // What SIGKILL leaves: the slot claimed and the sweep running, its last beat at the moment of the kill.
        var killed = SweepRequest.NewId();
        var at = clock.GetUtcNow();
        await store.StartAsync(new SweepRow
        {
            SweepId = killed, ReportYear = 2025, AsOf = "2026-05-06", ScopePrefix = "1402", TriggerName = "schedule",
            Status = "running", StartedAt = at, HeartbeatAt = at, ScheduleSlot = "daily@2026-05-06/1402"
        }, CancellationToken.None);
        Assert.True(await store.ClaimSlotAsync("daily@2026-05-06/1402", killed, at, CancellationToken.None));

        clock.Now = clock.Now.AddMinutes(5);
        var whileFresh = await Scheduler(clock).RunDueAsync(CancellationToken.None);
        var stillRunning = (await store.GetAsync(killed, CancellationToken.None))!.Status;
        clock.Now = clock.Now.AddMinutes(6);
        var onceStale = await Scheduler(clock).RunDueAsync(CancellationToken.None);

        Assert.Equal(["daily:information_disclosure@2026-05-06/1402"], whileFresh);
        Assert.Equal("running", stillRunning);
        Assert.Equal(["daily@2026-05-06/1402"], onceStale);
        var dead = (await store.GetAsync(killed, CancellationToken.None))!;
        Assert.Equal(("interrupted", (DateTimeOffset?)clock.GetUtcNow()), (dead.Status, dead.FinishedAt));
        var sweeps = (await _stack.Compliance.ListSweepsAsync(new ListSweepsRequest())).Sweeps;
        Assert.Equal(["completed", "completed", "interrupted"], sweeps.Select(s => s.Status));
    }

    [Fact]
    public async Task Scheduler_Disabled_StillInterruptsAStaleSweep()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 6, 3, 0, 0, TimeSpan.FromHours(8)));
        var store = _stack.Services.GetRequiredService<SweepStore>();
        var killed = SweepRequest.NewId();
        var at = clock.GetUtcNow().AddHours(-1);
        await store.StartAsync(new SweepRow
        {
            SweepId = killed, ReportYear = 2025, AsOf = "2026-05-06", ScopePrefix = "", TriggerName = "rpc",
            Status = "running", StartedAt = at, HeartbeatAt = at
        }, CancellationToken.None);

        var ran = await Scheduler(clock, enabled: false).RunDueAsync(CancellationToken.None);

        Assert.Empty(ran);
        Assert.Equal("interrupted", (await store.GetAsync(killed, CancellationToken.None))!.Status);
    }

    private SweepScheduler Scheduler(TimeProvider clock, bool enabled = true)
    {
        var services = _stack.Services;
        var options = Options.Create(new ComplianceOptions
        {
            Schedule = new ScheduleOptions
            {
                Enabled = enabled, DailyAt = TimeSpan.FromHours(2),
                DayAfterDeadline = false, ScopePrefix = "1402"
            }
        });
        return new SweepScheduler(services.GetRequiredService<SweepRunner>(), services.GetRequiredService<SweepStore>(),
            services.GetRequiredService<AuditLog>(), services.GetRequiredService<PacksInForce>(), options, clock, NullLogger<SweepScheduler>.Instance);
    }

    [Fact]
    public async Task Scheduler_BeforeTheDailyTime_RunsNothing()
    {
        var services = _stack.Services;
        var options = Options.Create(new ComplianceOptions
        {
            Schedule = new ScheduleOptions
            {
                Enabled = true, DailyAt = TimeSpan.FromHours(2),
                DayAfterDeadline = false
            }
        });
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 6, 1, 59, 0, TimeSpan.FromHours(8)));
        var scheduler = new SweepScheduler(services.GetRequiredService<SweepRunner>(), services.GetRequiredService<SweepStore>(),
            services.GetRequiredService<AuditLog>(), services.GetRequiredService<PacksInForce>(), options, clock, NullLogger<SweepScheduler>.Instance);

        Assert.Empty(await scheduler.RunDueAsync(CancellationToken.None));
    }
}
