using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Findings;
using Oversight.Compliance.Registry;
using Oversight.Compliance.RulePacks;
using Oversight.Compliance.Sweeps;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Streams;
using Contract = Oversight.Contracts.Compliance.V1.ComplianceService;
using RulePackMessage = Oversight.Contracts.Compliance.V1.RulePack;

namespace Oversight.Compliance.Grpc;

/// <summary>
/// oversight.compliance.v1.ComplianceService: each call handed, with its caller, to the feature that owns it
/// (Checking, Findings, Sweeps, RulePacks, Registry). Lists are limited to the caller's jurisdiction scope; anything
/// named by id or changed must lie inside it.
/// </summary>
public sealed class ComplianceGrpcService(
    ReportCheck check,
    FindingQueries findings,
    FindingStatusChange findingStatus,
    SweepStart sweepStart,
    SweepQueries sweeps,
    RulePackQueries rulePacks,
    RulePackUpsert rulePackUpsert,
    RegistryImport registryImport,
    RegistryQueries registry) : Contract.ComplianceServiceBase
{
    public override Task<CheckReportResponse> CheckReport(CheckReportRequest request, ServerCallContext context) =>
        check.CheckAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context) =>
        findings.ListAsync(request, context.Caller(), context.CancellationToken);

    public override Task<FindingSummary> SummarizeFindings(SummarizeFindingsRequest request, ServerCallContext context) =>
        findings.SummarizeAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context) =>
        findings.GetAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Finding> WaiveFinding(WaiveFindingRequest request, ServerCallContext context) =>
        findingStatus.ChangeAsync(FindingStatusRequest.Waive(request), context.Caller(), context.CancellationToken);

    public override Task<Finding> ReopenFinding(ReopenFindingRequest request, ServerCallContext context) =>
        findingStatus.ChangeAsync(FindingStatusRequest.Reopen(request), context.Caller(), context.CancellationToken);

    public override Task RunSweep(RunSweepRequest request, IServerStreamWriter<SweepEvent> responseStream, ServerCallContext context) =>
        sweepStart.RunAsync(request, context.Caller(), responseStream, context.CancellationToken);

    public override Task<ListSweepsResponse> ListSweeps(ListSweepsRequest request, ServerCallContext context) =>
        sweeps.ListAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Sweep> GetSweep(GetSweepRequest request, ServerCallContext context) =>
        sweeps.GetAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListRulePacksResponse> ListRulePacks(ListRulePacksRequest request, ServerCallContext context) =>
        Task.FromResult(rulePacks.List(context.Caller()));

    public override Task<RulePackMessage> GetRulePack(GetRulePackRequest request, ServerCallContext context) =>
        rulePacks.GetAsync(request, context.Caller(), context.CancellationToken);

    public override Task<UpsertRulePackResponse> UpsertRulePack(UpsertRulePackRequest request, ServerCallContext context) =>
        rulePackUpsert.UpsertAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ImportRegistryResponse> ImportRegistry(IAsyncStreamReader<ImportRegistryRequest> requestStream, ServerCallContext context) =>
        registryImport.ImportAsync(requestStream, context.Caller(), CallerAddress.Of(context.GetHttpContext()), context.CancellationToken);

    public override Task<ImportRegistryResponse> ImportRegistryFile(ImportRegistryFileRequest request, ServerCallContext context) =>
        registryImport.ImportAsync(new SingleMessageReader<ImportRegistryRequest>(new() { CsvChunk = request.Csv, DryRun = request.DryRun }),
            context.Caller(), CallerAddress.Of(context.GetHttpContext()), context.CancellationToken);

    public override Task<ListRegistryResponse> ListRegistry(ListRegistryRequest request, ServerCallContext context) =>
        registry.ListAsync(request, context.Caller(), context.CancellationToken);
}
