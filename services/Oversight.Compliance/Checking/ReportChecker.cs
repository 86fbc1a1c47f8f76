using Oversight.Contracts.Compliance.V1;
using Oversight.Access;
using System.Text.Json;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;
using Oversight.Mapping;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Clients;
using System.Data.Common;
using Oversight.Storage;
using Oversight.Vocabulary;

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
public sealed class ReportChecker(ReportFetcher fetcher, ReportReader reader, MetricExtractor extractor, Database database, FindingStore store,
    ReuseStore reuse, PacksInForce packs, JurisdictionRegistry divisions, SubmitterScopes submitters, RevisionHistory history, ComplianceTelemetry telemetry,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Checks a revision for <paramref name="caller"/>, refusing (before anything is stored) a report outside its scope.</summary>
    public async Task<CheckOutcome> CheckAsync(string reportId, int revision, Caller caller, CancellationToken cancellationToken)
    {
        var existing = revision == 0 ? null : await store.GetCheckAsync(reportId, revision, cancellationToken);
        if (existing is null)
        {
            var report = await fetcher.GetAsync(reportId, revision, cancellationToken);
            var (id, resolved, input) = await ReadAsync(report, cancellationToken);
            caller.RequireCovers(input.JurisdictionCode, $"报告 {id}", Fields.Of<CheckReportRequest>(CheckReportRequest.ReportIdFieldNumber).JsonName);
            existing = await store.GetCheckAsync(id, resolved, cancellationToken);
            if (existing is null)
            {
                var scope = await submitters.ScopeAsync(caller, report.SubmittedBy, input.JurisdictionCode, cancellationToken);
                return (await SaveAsync([(id, resolved, input)], CheckOutcome.Checked, cancellationToken, scope))[0];
            }
        }
        caller.RequireCovers(existing.JurisdictionCode, $"报告 {existing.ReportId}",
            Fields.Of<CheckReportRequest>(CheckReportRequest.ReportIdFieldNumber).JsonName);
        if (existing.PacksKey == packs.Key)
        {
            return new CheckOutcome(existing.ReportId, existing.Revision,
                await store.ForReportAsync(existing.ReportId, existing.Revision, cancellationToken), CheckOutcome.Unchanged);
        }
        return (await SaveAsync([(existing.ReportId, existing.Revision, Input(existing))], CheckOutcome.Rechecked, cancellationToken))[0];
    }

    /// <summary>Fetches up to <see cref="ReportFetcher.MaxPerCall"/> revisions in one call and reads each, in the order named.</summary>
    public async Task<IReadOnlyList<(string ReportId, int Revision, CheckInput Input)>> ReadManyAsync(
        IReadOnlyList<(string ReportId, int Revision)> reports, CancellationToken cancellationToken)
    {
        var read = new List<(string ReportId, int Revision, CheckInput Input)>(reports.Count);
        foreach (var report in await fetcher.GetManyAsync(reports, cancellationToken))
        {
            read.Add(await ReadAsync(report, cancellationToken));
        }
        return read;
    }

    // A revision seen after the deadline also carries what it changed since the last one seen before it.
    private async Task<(string ReportId, int Revision, CheckInput Input)> ReadAsync(Oversight.Contracts.Ingestion.V1.Report report,
        CancellationToken cancellationToken)
    {
        var (id, revision, input, reading) = Read(report);
        return (id, revision, await history.WithChangeAsync(report, reading, input, cancellationToken));
    }

    // CPU only: what the rules look at, and the passages copy detection indexes.
    private (string ReportId, int Revision, CheckInput Input, ReportReading Reading) Read(Oversight.Contracts.Ingestion.V1.Report report)
    {
        var metadata = report.Metadata ?? new Oversight.Contracts.Ingestion.V1.ReportMetadata();
        var read = reader.Read(ReportMessages.ToInput(report));
        if (read.Reading is null)
        {
            throw new ServiceError(StatusCode.FailedPrecondition, read.Error!.Code, $"报告 {report.ReportId} 第 {report.Revision} 次修订无法读取:{read.Error.Message}",
                Fields.Of<CheckReportRequest>(CheckReportRequest.ReportIdFieldNumber).JsonName).ToRpcException();
        }
        // The caller's publication time wins over the page's, as ingestion records it.
        // When the platform fetched the page itself, its first sighting and the page's own date are the deadline's evidence.
        var input = CheckInput.From(read.Reading, extractor) with
        {
            PublishedAt = metadata.PublishedAt?.ToDateTimeOffset().ToOffset(ChinaTime.Offset),
            FirstSeenAt = metadata.Fetch?.FirstSeenAt?.ToDateTimeOffset(),
            PageDate = metadata.Fetch is null ? null : metadata.PublishedAtFromPage?.ToDateTimeOffset(),
        };
        return (report.ReportId, report.Revision, input with { Document = ReuseDocument.Of(report.ReportId, report.Revision, read.Reading, input.Type) },
            read.Reading);
    }

    public static CheckInput Input(CheckRow stored) => JsonSerializer.Deserialize<CheckInput>(stored.Input, Json)!;

    /// <summary>
    /// Checks the inputs with the packs in force and stores them all in one transaction. Inputs just read are indexed for
    /// copy detection first: each gets its matches, and reports checked before whose matches that changes are re-checked
    /// with them in the same transaction, those inside <paramref name="counterpartScope"/> only: whoever submitted the
    /// inputs can change findings of reports in their own scope, never of another province's.
    /// </summary>
    public async Task<IReadOnlyList<CheckOutcome>> SaveAsync(IReadOnlyList<(string ReportId, int Revision, CheckInput Input)> inputs, string outcome,
        CancellationToken cancellationToken, string counterpartScope = "")
    {
        var documents = inputs.Select(i => i.Input.Document).OfType<ReuseDocument>().ToList();
        IReadOnlyList<IReadOnlyList<FindingRow>> stored;
        if (documents.Count == 0)
        {
            stored = await store.SaveChecksAsync(Rows(inputs), cancellationToken);
        }
        else
        {
            // The index and every check it changes in one transaction: a counterpart's check is always there to update.
            await reuse.LoadCommonAsync(cancellationToken);
            stored = await database.InTransactionAsync(async (connection, transaction, token) =>
            {
                var indexed = await reuse.IndexAsync(connection, transaction, documents, token);
                var all = await WithReuseAsync(connection, transaction, inputs, indexed, counterpartScope, token);
                return await store.SaveChecksAsync(connection, transaction, Rows(all), token);
            }, cancellationToken);
        }
        telemetry.Produced(stored.SelectMany(f => f));
        return [.. inputs.Select((i, n) => new CheckOutcome(i.ReportId, i.Revision, stored[n], outcome))];
    }

    private List<(CheckRow, IReadOnlyList<FindingRow>)> Rows(IReadOnlyList<(string ReportId, int Revision, CheckInput Input)> inputs)
    {
        var now = time.GetUtcNow();
        var (inForce, key) = (packs.Packs, packs.Key);
        var batch = inputs.Select(i =>
        {
            var rows = ComplianceChecker.Check(i.Input, inForce)
                .Select(f => FindingRows.From(f, i.ReportId, i.Revision, i.Input.JurisdictionCode, i.Input.ReportYear, now, "", i.Input.Type)).ToList();
            var check = new CheckRow
            {
                ReportId = i.ReportId, Revision = i.Revision, JurisdictionCode = i.Input.JurisdictionCode, Level = i.Input.Level ?? "",
                ReportYear = i.Input.ReportYear,
                PacksKey = key, Input = JsonSerializer.Serialize(i.Input, Json), CheckedAt = now, ReportType = i.Input.Type,
            };
            return (check, (IReadOnlyList<FindingRow>)rows);
        }).ToList();
        return batch;
    }

    // The inputs with their matches, followed by the stored inputs of other reports whose matches changed.
    private async Task<IReadOnlyList<(string ReportId, int Revision, CheckInput Input)>> WithReuseAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string ReportId, int Revision, CheckInput Input)> inputs, ReuseIndexed indexed, string counterpartScope,
        CancellationToken cancellationToken)
    {
        var all = inputs.Select(i => indexed.Matches.TryGetValue(i.ReportId, out var found)
            ? (i.ReportId, i.Revision, Input: i.Input with { Reuse = Named(found) }) : i).ToList();
        var position = all.Select((i, n) => (i.ReportId, n)).ToDictionary(x => x.ReportId, x => x.n, StringComparer.Ordinal);
        var stored = indexed.Counterparts.Select(c => c.ReportId).Where(id => !position.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var check in stored.Count == 0 ? [] : await store.GetChecksAsync(connection, transaction, stored, cancellationToken))
        {
            if (!CodePrefix.Covers(counterpartScope, check.JurisdictionCode))
            {
                continue;
            }
            position[check.ReportId] = all.Count;
            all.Add((check.ReportId, check.Revision, Input(check)));
        }
        foreach (var (reportId, otherReportId, match) in indexed.Counterparts)
        {
            if (position.TryGetValue(reportId, out var at))
            {
                var item = all[at];
                var reuse = ReuseMatcher.With(item.Input.Reuse, otherReportId, match is null ? null : Named([match])[0]);
                all[at] = item with { Input = item.Input with { Reuse = reuse } };
            }
        }
        return all;
    }

    private IReadOnlyList<ReuseMatch> Named(IReadOnlyList<ReuseMatch> matches) =>
        [.. matches.Select(m => m with { OtherName = divisions.Find(m.OtherJurisdictionCode)?.Name ?? "" })];
}
