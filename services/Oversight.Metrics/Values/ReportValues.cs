using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Oversight.Access;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Storage;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;

namespace Oversight.Metrics.Values;

/// <summary>GetReportMetrics (one report's values) and ExportValues (every value of a filter, streamed in pages).</summary>
public sealed class ReportValues(MetricStore store, ValueFilters filters)
{
    private const int ExportPageSize = 1000;

    private static readonly string ReportIdField = Fields.Of<GetReportMetricsRequest>(GetReportMetricsRequest.ReportIdFieldNumber).JsonName;

    public async Task<ReportMetrics> GetAsync(GetReportMetricsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Report<GetReportMetricsRequest>(
            request.ReportId, GetReportMetricsRequest.ReportIdFieldNumber, request.Revision, GetReportMetricsRequest.RevisionFieldNumber);
        var analysis = await store.GetAnalysisAsync(request.ReportId, request.Revision, cancellationToken)
            ?? throw new ServiceError(StatusCode.NotFound, Reasons.MetricsNotFound,
                $"报告 '{request.ReportId}'{(request.Revision == 0 ? "" : $" 第 {request.Revision} 次修订")} 尚未分析:请先调用 AnalyzeReport,或检查 report_id",
                ReportIdField).ToRpcException();
        caller.RequireCovers(analysis.JurisdictionCode, $"报告 {request.ReportId}", ReportIdField);
        var values = await store.GetValuesAsync(analysis.ReportId, analysis.Revision, cancellationToken);
        var response = new ReportMetrics
        {
            ReportId = analysis.ReportId, Revision = analysis.Revision, CatalogVersion = analysis.CatalogVersion,
            AnalyzedAt = Timestamp.FromDateTimeOffset(analysis.AnalyzedAt),
        };
        response.Values.AddRange(values.Select(ValueMessages.Of));
        return response;
    }

    public async Task ExportAsync(ExportValuesRequest request, Caller caller, IServerStreamWriter<MetricValue> values, CancellationToken cancellationToken)
    {
        if (filters.Scope(ValueFilters.ExportFields, request.JurisdictionPrefix, request.ReportYear, request.Level, request.Indicators,
            caller) is not { } limited)
        {
            return;
        }
        var scope = limited with { IncludeSuperseded = request.IncludeSuperseded };
        await StreamPager.StreamAsync(values, ExportPageSize, ("", 0, -1),
            (after, limit, token) => store.ExportPageAsync(scope, after, limit, token), row => (row.ReportId, row.Revision, row.Ordinal),
            ValueMessages.Of, cancellationToken);
    }
}
