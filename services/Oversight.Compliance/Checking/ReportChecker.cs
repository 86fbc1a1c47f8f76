using System.Text.Json;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;
using Oversight.Rpc;
using Oversight.Rpc.Clients;
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
public sealed class ReportChecker(ReportFetcher fetcher, ReportReader reader, MetricExtractor extractor, FindingStore store, PacksInForce packs, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CheckOutcome> CheckAsync(string reportId, int revision, CancellationToken cancellationToken)
    {
        var existing = revision == 0 ? null : await store.GetCheckAsync(reportId, revision, cancellationToken);
        if (existing is null)
        {
            var report = await fetcher.GetAsync(reportId, revision, cancellationToken);
            existing = await store.GetCheckAsync(report.ReportId, report.Revision, cancellationToken);
            if (existing is null)
            {
                var metadata = report.Metadata ?? new Oversight.Contracts.Ingestion.V1.ReportMetadata();
                var read = reader.Read(new ReportInput(report.OriginalContent.Memory, report.ContentType, report.Charset,
                    metadata.JurisdictionCode.Length == 0 ? null : metadata.JurisdictionCode, metadata.ReportYear == 0 ? null : metadata.ReportYear));
                if (read.Reading is null)
                {
                    throw new ServiceError(StatusCode.FailedPrecondition, read.Error!.Code, $"报告 {report.ReportId} 第 {report.Revision} 次修订无法读取:{read.Error.Message}", "reportId").ToRpcException();
                }
                // The caller's publication time wins over the page's, as ingestion records it.
                var input = CheckInput.From(read.Reading, extractor) with { PublishedAt = metadata.PublishedAt?.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)) };
                return await SaveAsync(report.ReportId, report.Revision, input, CheckOutcome.Checked, cancellationToken);
            }
        }
        if (existing.PacksKey == packs.Key)
        {
            return new CheckOutcome(existing.ReportId, existing.Revision, await store.ForReportAsync(existing.ReportId, existing.Revision, cancellationToken), CheckOutcome.Unchanged);
        }
        return await RecheckAsync(existing, cancellationToken);
    }

    /// <summary>Re-checks a stored check with the packs in force, without fetching the report.</summary>
    public Task<CheckOutcome> RecheckAsync(CheckRow existing, CancellationToken cancellationToken) =>
        SaveAsync(existing.ReportId, existing.Revision, JsonSerializer.Deserialize<CheckInput>(existing.Input, Json)!, CheckOutcome.Rechecked, cancellationToken);

    private async Task<CheckOutcome> SaveAsync(string reportId, int revision, CheckInput input, string outcome, CancellationToken cancellationToken)
    {
        var now = SqlTime.Format(time.GetUtcNow());
        var found = ComplianceChecker.Check(input, packs.Packs);
        var rows = found.Select(f => FindingRows.From(f, reportId, revision, input.JurisdictionCode, input.ReportYear, now, "")).ToList();
        var check = new CheckRow
        {
            ReportId = reportId, Revision = revision, JurisdictionCode = input.JurisdictionCode, Level = input.Level ?? "", ReportYear = input.ReportYear,
            PacksKey = packs.Key, Input = JsonSerializer.Serialize(input, Json), CheckedAt = now,
        };
        var stored = await store.SaveCheckAsync(check, rows, cancellationToken);
        return new CheckOutcome(reportId, revision, stored, outcome);
    }
}
