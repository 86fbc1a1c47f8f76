using Oversight.Contracts.Compliance.V1;
using Oversight.Rpc.Client;

namespace Oversight.Rpc.Clients;

/// <summary>Typed client for compliance; one method per RPC of the proto (checked by a test).</summary>
public sealed class ComplianceClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = ComplianceReflection.Descriptor.Services[0];

    private static readonly Method<CheckReportRequest, CheckReportResponse> CheckReportMethod = Method<CheckReportRequest, CheckReportResponse>.FromDescriptor(Service.FindMethodByName("CheckReport"));
    private static readonly Method<ListFindingsRequest, ListFindingsResponse> ListFindingsMethod = Method<ListFindingsRequest, ListFindingsResponse>.FromDescriptor(Service.FindMethodByName("ListFindings"));
    private static readonly Method<GetFindingRequest, Finding> GetFindingMethod = Method<GetFindingRequest, Finding>.FromDescriptor(Service.FindMethodByName("GetFinding"));
    private static readonly Method<WaiveFindingRequest, Finding> WaiveFindingMethod = Method<WaiveFindingRequest, Finding>.FromDescriptor(Service.FindMethodByName("WaiveFinding"));
    private static readonly Method<ReopenFindingRequest, Finding> ReopenFindingMethod = Method<ReopenFindingRequest, Finding>.FromDescriptor(Service.FindMethodByName("ReopenFinding"));
    private static readonly Method<RunSweepRequest, SweepEvent> RunSweepMethod = Method<RunSweepRequest, SweepEvent>.FromDescriptor(Service.FindMethodByName("RunSweep"));
    private static readonly Method<ListSweepsRequest, ListSweepsResponse> ListSweepsMethod = Method<ListSweepsRequest, ListSweepsResponse>.FromDescriptor(Service.FindMethodByName("ListSweeps"));
    private static readonly Method<GetSweepRequest, Sweep> GetSweepMethod = Method<GetSweepRequest, Sweep>.FromDescriptor(Service.FindMethodByName("GetSweep"));
    private static readonly Method<ListRulePacksRequest, ListRulePacksResponse> ListRulePacksMethod = Method<ListRulePacksRequest, ListRulePacksResponse>.FromDescriptor(Service.FindMethodByName("ListRulePacks"));
    private static readonly Method<GetRulePackRequest, RulePack> GetRulePackMethod = Method<GetRulePackRequest, RulePack>.FromDescriptor(Service.FindMethodByName("GetRulePack"));
    private static readonly Method<UpsertRulePackRequest, UpsertRulePackResponse> UpsertRulePackMethod = Method<UpsertRulePackRequest, UpsertRulePackResponse>.FromDescriptor(Service.FindMethodByName("UpsertRulePack"));
    private static readonly Method<ImportRegistryRequest, ImportRegistryResponse> ImportRegistryMethod = Method<ImportRegistryRequest, ImportRegistryResponse>.FromDescriptor(Service.FindMethodByName("ImportRegistry"));
    private static readonly Method<ListRegistryRequest, ListRegistryResponse> ListRegistryMethod = Method<ListRegistryRequest, ListRegistryResponse>.FromDescriptor(Service.FindMethodByName("ListRegistry"));

    public GrpcChannel Channel => channel;

    public AsyncUnaryCall<CheckReportResponse> CheckReportAsync(CheckReportRequest request, CallOptions options = default) => channel.AsyncUnaryCall(CheckReportMethod, request, options);

    public AsyncUnaryCall<ListFindingsResponse> ListFindingsAsync(ListFindingsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListFindingsMethod, request, options);

    public AsyncUnaryCall<Finding> GetFindingAsync(GetFindingRequest request, CallOptions options = default) => channel.AsyncUnaryCall(GetFindingMethod, request, options);

    public AsyncUnaryCall<Finding> WaiveFindingAsync(WaiveFindingRequest request, CallOptions options = default) => channel.AsyncUnaryCall(WaiveFindingMethod, request, options);

    public AsyncUnaryCall<Finding> ReopenFindingAsync(ReopenFindingRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ReopenFindingMethod, request, options);

    public AsyncServerStreamingCall<SweepEvent> RunSweep(RunSweepRequest request, CallOptions options = default) => channel.AsyncServerStreamingCall(RunSweepMethod, request, options);

    public AsyncUnaryCall<ListSweepsResponse> ListSweepsAsync(ListSweepsRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListSweepsMethod, request, options);

    public AsyncUnaryCall<Sweep> GetSweepAsync(GetSweepRequest request, CallOptions options = default) => channel.AsyncUnaryCall(GetSweepMethod, request, options);

    public AsyncUnaryCall<ListRulePacksResponse> ListRulePacksAsync(ListRulePacksRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListRulePacksMethod, request, options);

    public AsyncUnaryCall<RulePack> GetRulePackAsync(GetRulePackRequest request, CallOptions options = default) => channel.AsyncUnaryCall(GetRulePackMethod, request, options);

    public AsyncUnaryCall<UpsertRulePackResponse> UpsertRulePackAsync(UpsertRulePackRequest request, CallOptions options = default) => channel.AsyncUnaryCall(UpsertRulePackMethod, request, options);

    public AsyncClientStreamingCall<ImportRegistryRequest, ImportRegistryResponse> ImportRegistry(CallOptions options = default) => channel.AsyncClientStreamingCall(ImportRegistryMethod, options);

    public AsyncUnaryCall<ListRegistryResponse> ListRegistryAsync(ListRegistryRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListRegistryMethod, request, options);
}
