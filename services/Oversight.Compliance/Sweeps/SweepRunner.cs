using Google.Protobuf;
using Microsoft.Extensions.Options;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Findings;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Sweeps;

/// <summary>What a sweep is asked to do.</summary>
public sealed record SweepRequest(int ReportYear, DateOnly AsOf, string ScopePrefix, string Trigger, string ScheduleSlot = "", string? SweepId = null,
    string ReportType = ReportTypes.RuleOfLaw)
{
    public static string NewId() => "s_" + Guid.NewGuid().ToString("N")[..20];
}

/// <summary>
/// A sweep: every current report of the year in scope re-checked with the packs in force (fetched and read only
/// when never checked), then every registered body that must report and has none flagged NOT_DISCLOSED once its
/// disclosure deadline has passed as of the sweep's date. The run and its summary are stored.
/// </summary>
public sealed class SweepRunner(
    ReportChecker checker,
    FindingStore findings,
    ReuseStore reuse,
    RegistryStore registry,
    SweepStore sweeps,
    PacksInForce packs,
    ReportFetcher fetcher,
    JurisdictionRegistry divisions,
    IOptions<ComplianceOptions> options,
    ComplianceTelemetry telemetry,
    TimeProvider time)
{
    private const int BatchSize = 500;

    // Small enough that the parallel readers share a batch evenly, large enough that a call's cost is spread thin.
    private const int FetchChunk = 25;

    // Often enough for any staleness limit worth setting (minutes), rare enough that a warm sweep, which passes a
    // batch in milliseconds, is not a commit a batch on a durable server.
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);

    public async Task<SweepRow> RunAsync(SweepRequest request, Func<SweepProgress, Task> progress, CancellationToken cancellationToken)
    {
        var row = new SweepRow
        {
            SweepId = request.SweepId ?? SweepRequest.NewId(),
            ReportYear = request.ReportYear,
            AsOf = request.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ScopePrefix = request.ScopePrefix,
            TriggerName = request.Trigger,
            Status = RunStatuses.Running,
            StartedAt = time.GetUtcNow(),
            HeartbeatAt = time.GetUtcNow(),
            ScheduleSlot = request.ScheduleSlot,
            ReportType = request.ReportType,
        };
        await sweeps.StartAsync(row, cancellationToken);
        Push.PushEventRow? completed = null;
        try
        {
            var late = new List<Push.LateBody>();
            var summary = await SweepAsync(row, request, progress, late, cancellationToken);
            row.Status = RunStatuses.Completed;
            row.Summary = JsonFormatter.Default.Format(summary);
            var data = new Push.SweepEventData(row.SweepId, row.ReportYear, row.AsOf, row.ReportType, row.ScopePrefix, summary.ReportsChecked,
                summary.BodiesExpected,
                summary.BodiesWithoutReport, [.. late.Take(Push.SweepEventData.MaxLateBodies)], late.Count);
            completed = Push.CheckEvents.Event(Push.PushEventTypes.SweepCompleted, row.ScopePrefix, row.SweepId, time.GetUtcNow(),
                Push.PushJson.Write(data));
        }
        finally
        {
            // A sweep that did not complete is never left running: interrupted when its caller went away or the host
            // is stopping (each batch it stored stands; a rerun skips what is up to date), failed on an error.
            row.Status = row.Status != RunStatuses.Running ? row.Status
                : cancellationToken.IsCancellationRequested ? RunStatuses.Interrupted : RunStatuses.Failed;
            var finishedAt = time.GetUtcNow();
            row.FinishedAt = finishedAt;
            await sweeps.FinishAsync(row.SweepId, row.Status, finishedAt, row.Summary, CancellationToken.None,
                row.Status == RunStatuses.Completed ? completed : null);
            telemetry.SweepEnded(row.Status);
        }
        return row;
    }

    private async Task<SweepSummary> SweepAsync(SweepRow row, SweepRequest request, Func<SweepProgress, Task> progress, List<Push.LateBody> late,
        CancellationToken cancellationToken)
    {
        // Only ids travel through memory: a summary per report would be far larger at 100,000 reports.
        var reports = new List<(string ReportId, int Revision, string Code)>();
        var filter = new ReportFilter { JurisdictionPrefix = request.ScopePrefix, ReportYear = request.ReportYear };
        try
        {
            using var call = fetcher.Client.StreamReports(new StreamReportsRequest { Filter = filter, KeysOnly = true },
                new CallOptions(cancellationToken: cancellationToken));
            await foreach (var summary in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                // A migrated ingestion always sends the type; one not yet migrated (a rolling update) sends none for old reports.
                if (ReportTypes.OrDefault(summary.Metadata?.ReportType) != request.ReportType)
                {
                    continue;
                }
                reports.Add((summary.ReportId, summary.Revision, summary.Metadata?.JurisdictionCode ?? ""));
            }
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw ReportFetcher.Unavailable();
        }

        // Up to date: skipped. Checked with other packs: re-checked from the stored input. Never checked (or an
        // older revision): fetched and read, in parallel. Each batch is stored in one transaction, in order, while the
        // next batch is read: storing is one writer, reading is CPU, and the two overlap.
        var known = await findings.CurrentChecksAsync(request.ScopePrefix, request.ReportYear, request.ReportType, cancellationToken);
        var indexed = await reuse.IndexedAsync(request.ScopePrefix, request.ReportYear, request.ReportType, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.SweepParallelism), CancellationToken = cancellationToken };
        long done = 0;
        var beaten = time.GetUtcNow();
        async Task StoreAsync(List<string> restale, (string, int, CheckInput)[] read, int count)
        {
            if (restale.Count > 0)
            {
                var stored = await findings.GetChecksAsync(restale, cancellationToken);
                await checker.SaveAsync([.. stored.Select(c => (c.ReportId, c.Revision, ReportChecker.Input(c)))], CheckOutcome.Rechecked, cancellationToken);
            }
            if (read.Length > 0)
            {
                await checker.SaveAsync(read, CheckOutcome.Checked, cancellationToken, request.ScopePrefix);
            }
            done += count;
            if (time.GetUtcNow() - beaten >= HeartbeatEvery)
            {
                beaten = time.GetUtcNow();
                await sweeps.HeartbeatAsync(row.SweepId, beaten, cancellationToken);
            }
            telemetry.SweepProgress(done, reports.Count, count);
            await progress(new SweepProgress { SweepId = row.SweepId, Phase = "reports", Done = done, Total = reports.Count });
        }
        var storing = Task.CompletedTask;
        try
        {
            foreach (var batch in reports.Chunk(BatchSize))
            {
                // A check stored before copy detection existed has no passages in the index: read once more, it gets them.
                var fresh = batch.Where(r => !known.TryGetValue(r.ReportId, out var c) || c.Revision != r.Revision
                    || !indexed.Contains((r.ReportId, r.Revision))).ToList();
                var restale = batch.Except(fresh).Where(r => known[r.ReportId].PacksKey != packs.Key).Select(r => r.ReportId).ToList();
                // Fetched a chunk a call (one call instead of one a report), chunks read in parallel.
                var chunks = fresh.Select(r => (r.ReportId, r.Revision)).Chunk(FetchChunk).ToArray();
                var read = new IReadOnlyList<(string, int, CheckInput)>[chunks.Length];
                await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Length), parallel, async (i, token) =>
                    read[i] = await checker.ReadManyAsync(chunks[i], token));
                await storing;
                // On a thread of its own: on SQLite every await of a store completes at once, so a store started
                // here would run to its end before the next batch is read.
                (string, int, CheckInput)[] inputs = [.. read.SelectMany(r => r)];
                storing = Task.Run(() => StoreAsync(restale, inputs, batch.Length), cancellationToken);
            }
            await storing;
        }
        catch
        {
            // A read that failed leaves no store running unobserved; its own error is the one reported.
            await Task.WhenAny(storing);
            throw;
        }
        if (reports.Count == 0)
        {
            await progress(new SweepProgress { SweepId = row.SweepId, Phase = "reports", Done = 0, Total = 0 });
        }

        var reported = reports.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var expected = await registry.ExpectedAsync(request.ScopePrefix, cancellationToken);
        var now = time.GetUtcNow();
        var missing = expected.Where(b => !reported.Contains(b.Code)).ToList();
        var flagged = new List<FindingRow>();
        foreach (var body in missing)
        {
            if (ComplianceChecker.CheckNotDisclosed(body.Code, body.Name, body.Level, request.ReportYear, request.AsOf, packs.Packs,
                request.ReportType) is { } finding)
            {
                flagged.Add(FindingRows.From(finding, "", 0, body.Code, request.ReportYear, now, row.SweepId, request.ReportType));
                late.Add(new Push.LateBody(body.Code, body.Name, body.Level));
            }
        }
        await findings.ReplaceNotDisclosedAsync(request.ScopePrefix, request.ReportYear, request.ReportType, flagged, cancellationToken);
        await progress(new SweepProgress { SweepId = row.SweepId, Phase = "registry", Done = expected.Count, Total = expected.Count });

        var (byCode, byJurisdiction) = await findings.SummaryAsync(request.ScopePrefix, request.ReportYear, request.ReportType, cancellationToken);
        var result = new SweepSummary { ReportsChecked = reports.Count, BodiesExpected = expected.Count, BodiesWithoutReport = missing.Count };
        result.ByCode.AddRange(FindingCounts.ByCode(byCode));
        result.ByJurisdiction.AddRange(FindingCounts.ByJurisdiction(byJurisdiction, divisions));
        return result;
    }
}
