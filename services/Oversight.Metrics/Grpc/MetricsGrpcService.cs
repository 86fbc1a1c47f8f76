using Grpc.Core;
using Oversight.Access;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Aggregates;
using Oversight.Metrics.Analysis;
using Oversight.Metrics.Indicators;
using Oversight.Metrics.Values;
using Oversight.ServiceDefaults.Errors;
using Contract = Oversight.Contracts.Metrics.V1.MetricsService;

namespace Oversight.Metrics.Grpc;

/// <summary>
/// oversight.metrics.v1.MetricsService: each call handed, with its caller, to the feature that owns it (Analysis,
/// Values, Aggregates, Indicators). Queries are limited to the caller's jurisdiction scope; a report or jurisdiction
/// named outright must lie inside it.
/// </summary>
public sealed class MetricsGrpcService(ReportAnalyzer analyzer, ReportValues values, AggregateRequests aggregates, IndicatorListing indicators)
    : Contract.MetricsServiceBase
{
    public override async Task<AnalyzeReportResponse> AnalyzeReport(AnalyzeReportRequest request, ServerCallContext context)
    {
        AnalyzeReportValidator.Validate(request);
        var outcome = await analyzer.AnalyzeAsync(request.ReportId, request.Revision, request.Force, context.CancellationToken, context.Caller());
        return new AnalyzeReportResponse
        {
            ReportId = outcome.ReportId, Revision = outcome.Revision, CatalogVersion = outcome.CatalogVersion,
            ValueCount = outcome.ValueCount, Outcome = outcome.Outcome,
        };
    }

    public override Task<ReportMetrics> GetReportMetrics(GetReportMetricsRequest request, ServerCallContext context) =>
        values.GetAsync(request, context.Caller(), context.CancellationToken);

    public override Task<QueryAggregatesResponse> QueryAggregates(QueryAggregatesRequest request, ServerCallContext context) =>
        aggregates.QueryAsync(request, context.Caller(), context.CancellationToken);

    public override Task<CompareYearsResponse> CompareYears(CompareYearsRequest request, ServerCallContext context) =>
        aggregates.CompareAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context) =>
        Task.FromResult(indicators.List());

    public override Task ExportValues(ExportValuesRequest request, IServerStreamWriter<MetricValue> responseStream, ServerCallContext context) =>
        values.ExportAsync(request, context.Caller(), responseStream, context.CancellationToken);
}
