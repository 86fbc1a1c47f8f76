using System.Collections.Concurrent;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Rpc;
using Oversight.Rpc.Server;

namespace Oversight.Testing;

/// <summary>What the outbox delivered, as the receiving services saw it.</summary>
public sealed class DeliveryLog
{
    public ConcurrentQueue<(string Target, string ReportId, int Revision)> Calls { get; } = new();

    public IReadOnlyList<(string ReportId, int Revision)> For(string target) =>
        Calls.Where(c => c.Target == target).Select(c => (c.ReportId, c.Revision)).ToList();
}

/// <summary>Test double of the metrics service: records AnalyzeReport; the rest is not part of these tests.</summary>
public sealed class RecordingMetrics(DeliveryLog log) : IGrpcService
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => MetricsReflection.Descriptor.Services[0];

    public Task<AnalyzeReportResponse> AnalyzeReport(AnalyzeReportRequest request, ServerCallContext context)
    {
        log.Calls.Enqueue(("metrics", request.ReportId, request.Revision));
        return Task.FromResult(new AnalyzeReportResponse { ReportId = request.ReportId, Revision = request.Revision, Outcome = "analyzed" });
    }

    public Task<ReportMetrics> GetReportMetrics(GetReportMetricsRequest request, ServerCallContext context) => throw Unused();

    public Task<QueryAggregatesResponse> QueryAggregates(QueryAggregatesRequest request, ServerCallContext context) => throw Unused();

    public Task<CompareYearsResponse> CompareYears(CompareYearsRequest request, ServerCallContext context) => throw Unused();

    public Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context) => throw Unused();

    public Task ExportValues(ExportValuesRequest request, IServerStreamWriter<MetricValue> responseStream, ServerCallContext context) => throw Unused();

    internal static RpcException Unused() => new(StatusCode.Unimplemented, "not part of this test double");
}

/// <summary>Test double of the compliance service: records CheckReport.</summary>
public sealed class RecordingCompliance(DeliveryLog log) : IGrpcService
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => ComplianceReflection.Descriptor.Services[0];

    public Task<CheckReportResponse> CheckReport(CheckReportRequest request, ServerCallContext context)
    {
        log.Calls.Enqueue(("compliance", request.ReportId, request.Revision));
        return Task.FromResult(new CheckReportResponse { ReportId = request.ReportId, Revision = request.Revision, Outcome = "checked" });
    }

    public Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<Finding> WaiveFinding(WaiveFindingRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<Finding> ReopenFinding(ReopenFindingRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task RunSweep(RunSweepRequest request, IServerStreamWriter<SweepEvent> responseStream, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<ListSweepsResponse> ListSweeps(ListSweepsRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<Sweep> GetSweep(GetSweepRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<ListRulePacksResponse> ListRulePacks(ListRulePacksRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<RulePack> GetRulePack(GetRulePackRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<UpsertRulePackResponse> UpsertRulePack(UpsertRulePackRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<ImportRegistryResponse> ImportRegistry(IAsyncStreamReader<ImportRegistryRequest> requestStream, ServerCallContext context) => throw RecordingMetrics.Unused();

    public Task<ListRegistryResponse> ListRegistry(ListRegistryRequest request, ServerCallContext context) => throw RecordingMetrics.Unused();
}
