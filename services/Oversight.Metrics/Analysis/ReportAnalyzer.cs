using Oversight.Contracts.Metrics.V1;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Mapping;
using Oversight.Metrics.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.Metrics.Analysis;

/// <summary>The outcome of analysing one report revision.</summary>
public sealed record AnalysisOutcome(string ReportId, int Revision, string CatalogVersion, int ValueCount, string Outcome)
{
    public const string Analyzed = "analyzed";
    public const string Reanalyzed = "reanalyzed";
    public const string Unchanged = "unchanged";
}

/// <summary>
/// Fetches a revision from ingestion, reads it with the shared reader (so evidence spans match ingestion's
/// original text), extracts the catalog's values and stores them. Idempotent per revision and catalog version.
/// </summary>
public sealed class ReportAnalyzer(ReportFetcher source, ReportReader reader, MetricExtractor extractor, MetricStore store, MetricsTelemetry telemetry,
    TimeProvider time, ILogger<ReportAnalyzer> logger)
{
    public string CatalogVersion => extractor.Catalog.Version;

    /// <summary>Analyses a revision; <paramref name="caller"/> (when a call asks) must cover its jurisdiction, checked before anything is stored.</summary>
    public async Task<AnalysisOutcome> AnalyzeAsync(string reportId, int revision, bool force, CancellationToken cancellationToken, Caller? caller = null)
    {
        var existing = revision == 0 ? null : await store.GetAnalysisAsync(reportId, revision, cancellationToken);
        if (existing is not null)
        {
            caller?.RequireCovers(existing.JurisdictionCode, $"报告 {reportId}",
                Fields.Of<AnalyzeReportRequest>(AnalyzeReportRequest.ReportIdFieldNumber).JsonName);
        }
        if (existing is not null && !force && existing.CatalogVersion == CatalogVersion)
        {
            return new AnalysisOutcome(reportId, revision, CatalogVersion, existing.ValueCount, AnalysisOutcome.Unchanged);
        }
        var report = await source.GetAsync(reportId, revision, cancellationToken);
        caller?.RequireCovers(report.Metadata?.JurisdictionCode ?? "", $"报告 {report.ReportId}",
            Fields.Of<AnalyzeReportRequest>(AnalyzeReportRequest.ReportIdFieldNumber).JsonName);
        existing ??= await store.GetAnalysisAsync(report.ReportId, report.Revision, cancellationToken);
        if (existing is not null && !force && existing.CatalogVersion == CatalogVersion)
        {
            return new AnalysisOutcome(report.ReportId, report.Revision, CatalogVersion, existing.ValueCount, AnalysisOutcome.Unchanged);
        }

        var metadata = report.Metadata ?? new Oversight.Contracts.Ingestion.V1.ReportMetadata();
        var read = reader.Read(ReportMessages.ToInput(report));
        if (read.Reading is null)
        {
            throw new ServiceError(StatusCode.FailedPrecondition, read.Error!.Code, $"报告 {report.ReportId} 第 {report.Revision} 次修订无法读取:{read.Error.Message}",
                Fields.Of<AnalyzeReportRequest>(AnalyzeReportRequest.ReportIdFieldNumber).JsonName).ToRpcException();
        }
        var (values, truncated) = extractor.ExtractReport(read.Reading, cancellationToken);
        if (truncated)
        {
            MetricsLog.FiguresTruncated(logger, report.ReportId, report.Revision, extractor.MaxFigures);
            telemetry.Truncated();
        }

        var code = metadata.JurisdictionCode;
        var analysis = new AnalysisRow
        {
            ReportId = report.ReportId,
            Revision = report.Revision,
            JurisdictionCode = code,
            ParentCode = code.Length == 0 ? "" : ScopeRules.ParentOf(code),
            Level = metadata.Level,
            ReportYear = metadata.ReportYear,
            CatalogVersion = CatalogVersion,
            ValueCount = values.Count,
            AnalyzedAt = time.GetUtcNow(),
        };
        await store.SaveAsync(analysis, [.. values.Select((v, i) => ToRow(analysis, v, i))], cancellationToken);
        var outcome = existing is null ? AnalysisOutcome.Analyzed : AnalysisOutcome.Reanalyzed;
        return new AnalysisOutcome(report.ReportId, report.Revision, CatalogVersion, values.Count, outcome);
    }

    private static ValueRow ToRow(AnalysisRow analysis, ExtractedValue value, int ordinal) => new()
    {
        ReportId = analysis.ReportId,
        Revision = analysis.Revision,
        Ordinal = ordinal,
        Indicator = value.Indicator,
        Value = value.Value,
        ValueUpper = value.Upper,
        Unit = value.Unit,
        Qualifier = value.Qualifier,
        RawText = value.RawText,
        SectionPath = value.Evidence.SectionPath,
        SpanStart = value.Evidence.Span.Start,
        SpanLength = value.Evidence.Span.Length,
        Excerpt = value.Evidence.Excerpt,
        UsedInAggregate = value.UsedInAggregate,
        JurisdictionCode = analysis.JurisdictionCode,
        ParentCode = analysis.ParentCode,
        Level = analysis.Level,
        ReportYear = analysis.ReportYear,
    };
}
