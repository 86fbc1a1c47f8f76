using Oversight.Access;
using System.Text.Json;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;
using Oversight.Mapping;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Clients;
using Oversight.Storage;

namespace Oversight.Compliance.Checking;

/// <summary>The outcome of checking one report revision.</summary>
public sealed record CheckOutcome(string ReportId, int Revision, IReadOnlyList<FindingRow> Findings, string Outcome)
{
    public const string Checked = "checked";
    public const string Rechecked = "rechecked";
    public const string Unchanged = "unchanged";
}

/// <summary>
/// Checks a report revision with the packs in force. The first time, the report is fetched from ingestion and read;
/// what the rules look at is stored, so later re-checks (new packs, sweeps) need no fetch. Idempotent.
/// </summary>
public sealed class ReportChecker(ReportFetcher fetcher, ReportReader reader, MetricExtractor extractor, FindingStore store, PacksInForce packs, ComplianceTelemetry telemetry, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Checks a revision for <paramref name="caller"/>, refusing (before anything is stored) a report outside its scope.</summary>
    public async Task<CheckOutcome> CheckAsync(string reportId, int revision, Caller caller, CancellationToken cancellationToken)
    {
        var existing = revision == 0 ? null : await store.GetCheckAsync(reportId, revision, cancellationToken);
        if (existing is null)
        {
            var (id, resolved, input) = await ReadAsync(reportId, revision, cancellationToken);
            caller.RequireCovers(input.JurisdictionCode, $"报告 {id}", "reportId");
            existing = await store.GetCheckAsync(id, resolved, cancellationToken);
            if (existing is null)
            {
                return (await SaveAsync([(id, resolved, input)], CheckOutcome.Checked, cancellationToken))[0];
            }
        }
        caller.RequireCovers(existing.JurisdictionCode, $"报告 {existing.ReportId}", "reportId");
        if (existing.PacksKey == packs.Key)
        {
            return new CheckOutcome(existing.ReportId, existing.Revision, await store.ForReportAsync(existing.ReportId, existing.Revision, cancellationToken), CheckOutcome.Unchanged);
        }
        return (await SaveAsync([(existing.ReportId, existing.Revision, Input(existing))], CheckOutcome.Rechecked, cancellationToken))[0];
    }

    /// <summary>Fetches a revision from ingestion and reads what the rules look at (CPU and network; nothing stored).</summary>
    public async Task<(string ReportId, int Revision, CheckInput Input)> ReadAsync(string reportId, int revision, CancellationToken cancellationToken)
    {
        var report = await fetcher.GetAsync(reportId, revision, cancellationToken);
        var metadata = report.Metadata ?? new Oversight.Contracts.Ingestion.V1.ReportMetadata();
        var read = reader.Read(ReportMessages.ToInput(report));
        if (read.Reading is null)
        {
            throw new ServiceError(StatusCode.FailedPrecondition, read.Error!.Code, $"报告 {report.ReportId} 第 {report.Revision} 次修订无法读取:{read.Error.Message}", "reportId").ToRpcException();
        }
        // The caller's publication time wins over the page's, as ingestion records it.
        var input = CheckInput.From(read.Reading, extractor) with { PublishedAt = metadata.PublishedAt?.ToDateTimeOffset().ToOffset(ChinaTime.Offset) };
        return (report.ReportId, report.Revision, input);
    }

    public static CheckInput Input(CheckRow stored) => JsonSerializer.Deserialize<CheckInput>(stored.Input, Json)!;

    /// <summary>Checks the inputs with the packs in force and stores them all in one transaction.</summary>
    public async Task<IReadOnlyList<CheckOutcome>> SaveAsync(IReadOnlyList<(string ReportId, int Revision, CheckInput Input)> inputs, string outcome, CancellationToken cancellationToken)
    {
        var now = SqlTime.Format(time.GetUtcNow());
        var (inForce, key) = (packs.Packs, packs.Key);
        var batch = inputs.Select(i =>
        {
            var rows = ComplianceChecker.Check(i.Input, inForce).Select(f => FindingRows.From(f, i.ReportId, i.Revision, i.Input.JurisdictionCode, i.Input.ReportYear, now, "")).ToList();
            var check = new CheckRow
            {
                ReportId = i.ReportId, Revision = i.Revision, JurisdictionCode = i.Input.JurisdictionCode, Level = i.Input.Level ?? "", ReportYear = i.Input.ReportYear,
                PacksKey = key, Input = JsonSerializer.Serialize(i.Input, Json), CheckedAt = now,
            };
            return (check, (IReadOnlyList<FindingRow>)rows);
        }).ToList();
        var stored = await store.SaveChecksAsync(batch, cancellationToken);
        telemetry.Produced(batch.SelectMany(b => b.Item2));
        return [.. inputs.Select((i, n) => new CheckOutcome(i.ReportId, i.Revision, stored[n], outcome))];
    }
}
