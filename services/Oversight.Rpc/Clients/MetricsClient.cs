using Oversight.Contracts.Metrics.V1;
using Oversight.Rpc.Client;

namespace Oversight.Rpc.Clients;

/// <summary>Typed client for metrics; one method per RPC of the proto (checked by a test).</summary>
public sealed class MetricsClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = MetricsReflection.Descriptor.Services[0];

    private static readonly Method<AnalyzeReportRequest, AnalyzeReportResponse> AnalyzeReportMethod = Method<AnalyzeReportRequest, AnalyzeReportResponse>.FromDescriptor(Service.FindMethodByName("AnalyzeReport"));
    private static readonly Method<GetReportMetricsRequest, ReportMetrics> GetReportMetricsMethod = Method<GetReportMetricsRequest, ReportMetrics>.FromDescriptor(Service.FindMethodByName("GetReportMetrics"));
    private static readonly Method<QueryAggregatesRequest, QueryAggregatesResponse> QueryAggregatesMethod = Method<QueryAggregatesRequest, QueryAggregatesResponse>.FromDescriptor(Service.FindMethodByName("QueryAggregates"));
    private static readonly Method<CompareYearsRequest, CompareYearsResponse> CompareYearsMethod = Method<CompareYearsRequest, CompareYearsResponse>.FromDescriptor(Service.FindMethodByName("CompareYears"));
    private static readonly Method<ListIndicatorsRequest, ListIndicatorsResponse> ListIndicatorsMethod = Method<ListIndicatorsRequest, ListIndicatorsResponse>.FromDescriptor(Service.FindMethodByName("ListIndicators"));
    private static readonly Method<ExportValuesRequest, MetricValue> ExportValuesMethod = Method<ExportValuesRequest, MetricValue>.FromDescriptor(Service.FindMethodByName("ExportValues"));

    public GrpcChannel Channel => channel;

    public AsyncUnaryCall<AnalyzeReportResponse> AnalyzeReportAsync(AnalyzeReportRequest request, CallOptions options = default) => channel.AsyncUnaryCall(AnalyzeReportMethod, request, options);

    public AsyncUnaryCall<ReportMetrics> GetReportMetricsAsync(GetReportMetricsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(GetReportMetricsMethod, request, options);

    public AsyncUnaryCall<QueryAggregatesResponse> QueryAggregatesAsync(QueryAggregatesRequest request, CallOptions options = default) => channel.AsyncUnaryCall(QueryAggregatesMethod, request, options);

    public AsyncUnaryCall<CompareYearsResponse> CompareYearsAsync(CompareYearsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(CompareYearsMethod, request, options);

    public AsyncUnaryCall<ListIndicatorsResponse> ListIndicatorsAsync(ListIndicatorsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListIndicatorsMethod, request, options);

    public AsyncServerStreamingCall<MetricValue> ExportValues(ExportValuesRequest request, CallOptions options = default) => channel.AsyncServerStreamingCall(ExportValuesMethod, request, options);
}
