using Oversight.Analysis;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Registry;
using Oversight.Compliance.Storage;
using Oversight.Compliance.Sweeps;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Storage;
using Contract = Oversight.Contracts.Compliance.V1.ComplianceService;
using RulePack = Oversight.Analysis.Rules.RulePack;
using RulePackMessage = Oversight.Contracts.Compliance.V1.RulePack;

namespace Oversight.Compliance.Grpc;

/// <summary>
/// oversight.compliance.v1.ComplianceService: guards requests and adapts them to the checker, the sweeps and the stores.
/// Lists are limited to the caller's jurisdiction scope; anything named by id or changed must lie inside it.
/// </summary>
public sealed class ComplianceGrpcService(
    ReportChecker checker,
    FindingStore findings,
    PackStore packStore,
    PacksInForce packs,
    RegistryStore registry,
    SweepStore sweeps,
    SweepRunner runner,
    AuditLog audit,
    JurisdictionRegistry divisions,
    PageTokens pageTokens,
    IOptions<ComplianceOptions> options,
    TimeProvider time,
    ILogger<ComplianceGrpcService> logger) : Contract.ComplianceServiceBase
{
    private static IReadOnlyList<string> Codes => RuleVocabulary.FindingCodes;

    public override async Task<CheckReportResponse> CheckReport(CheckReportRequest request, ServerCallContext context)
    {
        Guard.Report(request.ReportId, request.Revision);
        var outcome = await checker.CheckAsync(request.ReportId, request.Revision, context.Caller(), context.CancellationToken);
        var response = new CheckReportResponse { ReportId = outcome.ReportId, Revision = outcome.Revision, Outcome = outcome.Outcome };
        response.Findings.AddRange(outcome.Findings.Select(f => ToMessage(f, [])));
        return response;
    }

    public override async Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context)
    {
        Check("jurisdictionPrefix", ScopeRules.PrefixError("jurisdiction_prefix", request.JurisdictionPrefix));
        Check("reportYear", ScopeRules.YearError("report_year", request.ReportYear));
        Check("code", request.Code.Length > 0 && !Codes.Contains(request.Code) ? $"code '{request.Code}' 无效:可选 {string.Join("、", Codes)}" : null);
        Check("severity", request.Severity.Length > 0 && !RuleVocabulary.Severities.Contains(request.Severity) ? $"severity '{request.Severity}' 无效:可选 error、warning、info" : null);
        Check("status", request.Status is "" or FindingStatus.Open or FindingStatus.Waived ? null : $"status '{request.Status}' 无效:可选 open、waived,或留空表示全部");
        Check("reportType", request.ReportType.Length > 0 && !ReportTypes.All.Contains(request.ReportType) ? $"report_type '{request.ReportType}' 无效:可选 {string.Join("、", ReportTypes.All)},或留空表示全部" : null);
        if (context.Caller().Narrow(request.JurisdictionPrefix) is not { } prefix)
        {
            return new ListFindingsResponse();
        }
        var filter = new FindingFilter(prefix, request.ReportYear, request.Code, request.Severity, request.Status, request.ReportId, request.IncludeSuperseded, request.ReportType);
        var caller = context.Caller().KeyId;
        var pageSize = PageTokens.PageSize(request.PageSize);
        var rows = await findings.ListAsync(filter, pageTokens.Read(request.PageToken, request, caller), pageSize + 1, context.CancellationToken);
        var response = new ListFindingsResponse();
        response.Findings.AddRange(rows.Take(pageSize).Select(f => ToMessage(f, [])));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Write(rows[pageSize - 1].Seq, request, caller);
        }
        return response;
    }

    public override async Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context)
    {
        RequireFindingId(request.FindingId);
        var (finding, history) = await findings.GetAsync(request.FindingId, context.CancellationToken);
        if (finding is null)
        {
            throw FindingNotFound(request.FindingId);
        }
        context.RequireCovers(finding.JurisdictionCode, $"问题 {request.FindingId}", "findingId");
        return ToMessage(finding, history);
    }

    public override Task<Finding> WaiveFinding(WaiveFindingRequest request, ServerCallContext context) =>
        ChangeStatusAsync(request.FindingId, request.Reason, FindingStatus.Waived, "waive", context);

    public override Task<Finding> ReopenFinding(ReopenFindingRequest request, ServerCallContext context) =>
        ChangeStatusAsync(request.FindingId, request.Reason, FindingStatus.Open, "reopen", context);

    public override async Task RunSweep(RunSweepRequest request, IServerStreamWriter<SweepEvent> responseStream, ServerCallContext context)
    {
        if (request.ReportYear == 0)
        {
            throw Guard.Invalid("FILTER_INVALID", "reportYear", "report_year 为空:请填写要检查的报告年度,如 2025");
        }
        Check("reportYear", ScopeRules.YearError("report_year", request.ReportYear));
        Check("scopePrefix", ScopeRules.PrefixError("scope_prefix", request.ScopePrefix));
        var reportType = request.ReportType.Length == 0 ? ReportTypes.RuleOfLaw : request.ReportType;
        if (!ReportTypes.All.Contains(reportType))
        {
            throw Guard.Invalid("REPORT_TYPE_INVALID", "reportType", $"report_type '{request.ReportType}' 无效:可选 {string.Join("、", ReportTypes.All)},留空为 rule_of_law");
        }
        // A sweep changes findings, so a scope wider than the caller's is refused rather than narrowed; none means the caller's own.
        var caller = context.Caller();
        var scope = request.ScopePrefix.Length == 0 ? caller.Scope : request.ScopePrefix;
        context.RequireCovers(scope, $"巡查范围 {AccessErrors.ScopeName(scope)}", "scopePrefix");
        var asOf = request.AsOf is { } date && (date.Year, date.Month, date.Day) != (0, 0, 0)
            ? ToDate(date) ?? throw Guard.Invalid("AS_OF_INVALID", "asOf", $"as_of {date.Year}-{date.Month}-{date.Day} 不是有效日期")
            : DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaTime.Offset).DateTime);
        var trigger = request.Trigger.Length == 0 ? "rpc" : request.Trigger;
        var sweepId = SweepRequest.NewId();
        await audit.RecordAsync(caller, AuditActions.SweepRun, sweepId, scope, $"report_year {request.ReportYear}, report_type {reportType}, as_of {asOf:yyyy-MM-dd}, trigger {trigger}", context.CancellationToken);
        var sweep = await runner.RunAsync(
            new SweepRequest(request.ReportYear, asOf, scope, trigger, SweepId: sweepId, ReportType: reportType),
            progress => responseStream.WriteAsync(new SweepEvent { Progress = progress }, context.CancellationToken),
            context.CancellationToken);
        await responseStream.WriteAsync(new SweepEvent { Completed = ToMessage(sweep) }, context.CancellationToken);
    }

    public override async Task<ListSweepsResponse> ListSweeps(ListSweepsRequest request, ServerCallContext context)
    {
        Check("reportYear", ScopeRules.YearError("report_year", request.ReportYear));
        var pageSize = PageTokens.PageSize(request.PageSize);
        var caller = context.Caller();
        var rows = await sweeps.ListAsync(request.ReportYear, caller.Scope, pageTokens.Read(request.PageToken, request, caller.KeyId), pageSize + 1, context.CancellationToken);
        var response = new ListSweepsResponse();
        response.Sweeps.AddRange(rows.Take(pageSize).Select(ToMessage));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Write(rows[pageSize - 1].Seq, request, caller.KeyId);
        }
        return response;
    }

    public override async Task<Sweep> GetSweep(GetSweepRequest request, ServerCallContext context)
    {
        Guard.Required(request.SweepId, "SWEEP_ID_MISSING", "sweepId", "sweep_id 为空:请填写 RunSweep 或 ListSweeps 返回的 sweep_id");
        var row = await sweeps.GetAsync(request.SweepId, context.CancellationToken)
            ?? throw new ServiceError(StatusCode.NotFound, "SWEEP_NOT_FOUND", $"未找到巡查 '{request.SweepId}':请用 ListSweeps 查看", "sweepId").ToRpcException();
        context.RequireCovers(row.ScopePrefix, $"巡查 {request.SweepId}", "sweepId");
        return ToMessage(row);
    }

    public override Task<ListRulePacksResponse> ListRulePacks(ListRulePacksRequest request, ServerCallContext context)
    {
        var response = new ListRulePacksResponse();
        var caller = context.Caller();
        response.Packs.AddRange(packs.Packs.Where(p => caller.Overlaps(p.ScopePrefix)).Select(p => ToMessage(p, null)));
        return Task.FromResult(response);
    }

    public override async Task<RulePackMessage> GetRulePack(GetRulePackRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.PackId))
        {
            throw Guard.Invalid("PACK_ID_MISSING", "packId", "pack_id 为空:请用 ListRulePacks 查看已有规则包");
        }
        if (request.Version < 0)
        {
            throw Guard.Invalid("VERSION_INVALID", "version", $"version {request.Version} 无效:请填写 1 起的版本号,或 0 表示最新版本");
        }
        var row = await packStore.GetAsync(request.PackId, request.Version, context.CancellationToken)
            ?? throw new ServiceError(StatusCode.NotFound, "PACK_NOT_FOUND", $"未找到规则包 '{request.PackId}'{(request.Version == 0 ? "" : $" 第 {request.Version} 版")}:请用 ListRulePacks 查看", "packId").ToRpcException();
        if (!context.Caller().Overlaps(row.ScopePrefix))
        {
            throw AccessErrors.OutOfScope(context.Caller(), $"规则包 {request.PackId}", "packId");
        }
        return ToMessage(RulePackYaml.Parse(row.Yaml) with { Version = row.Version }, row);
    }

    public override async Task<UpsertRulePackResponse> UpsertRulePack(UpsertRulePackRequest request, ServerCallContext context)
    {
        RulePack pack;
        try
        {
            pack = request.SourceCase switch
            {
                UpsertRulePackRequest.SourceOneofCase.Yaml => RulePackYaml.Parse(request.Yaml, context.CancellationToken),
                UpsertRulePackRequest.SourceOneofCase.Pack => RulePackYaml.Bounded(FromMessage(request.Pack)),
                _ => throw Guard.Invalid("PACK_MISSING", "pack", "请提供规则包:pack 或 yaml 二选一"),
            };
        }
        catch (RulePackException ex)
        {
            throw Guard.Invalid(ex.Reason, request.SourceCase == UpsertRulePackRequest.SourceOneofCase.Pack ? "pack" : "yaml", RulePackYaml.Describe(ex.Problems));
        }
        context.RequireCovers(pack.ScopePrefix, $"规则包 {pack.PackId} 的适用范围 {AccessErrors.ScopeName(pack.ScopePrefix)}", request.SourceCase == UpsertRulePackRequest.SourceOneofCase.Yaml ? "yaml" : "pack");
        var problems = RulePackValidation.Problems(pack, packs.Packs);
        if (problems.Count > 0)
        {
            throw Guard.Invalid(RulePackException.Invalid, request.SourceCase == UpsertRulePackRequest.SourceOneofCase.Yaml ? "yaml" : "pack", RulePackYaml.Describe(problems));
        }
        var latest = await packStore.GetAsync(pack.PackId, 0, context.CancellationToken);
        var previous = latest is null ? null : RulePackYaml.Parse(latest.Yaml) with { Version = latest.Version };
        if (previous is not null && RulePackYaml.Write(previous with { Version = 0 }) == RulePackYaml.Write(pack with { Version = 0 }))
        {
            return new UpsertRulePackResponse { Pack = ToMessage(previous, latest), Outcome = request.ValidateOnly ? "valid" : "unchanged" };
        }
        var stored = pack with { Version = (previous?.Version ?? 0) + 1 };
        if (request.ValidateOnly)
        {
            return new UpsertRulePackResponse { Pack = ToMessage(stored, null), Outcome = "valid" };
        }
        var row = new PackRow
        {
            PackId = stored.PackId, Version = stored.Version, ScopePrefix = stored.ScopePrefix, Yaml = RulePackYaml.Write(stored),
            UpdatedAt = SqlTime.Format(time.GetUtcNow()), UpdatedBy = context.Caller().Label,
        };
        var entry = audit.Entry(context.Caller(), AuditActions.RulePackUpsert, $"{stored.PackId}@{stored.Version}", stored.ScopePrefix, previous is null ? "created" : $"updated from version {previous.Version}");
        if (!await packStore.InsertAsync(row, entry, context.CancellationToken))
        {
            throw new ServiceError(StatusCode.Aborted, "PACK_CHANGED_CONCURRENTLY", $"规则包 '{pack.PackId}' 刚被其他人更新:请重新读取后再提交", "pack").ToRpcException();
        }
        await packs.LoadAsync(context.CancellationToken);
        return new UpsertRulePackResponse { Pack = ToMessage(stored, row), Outcome = previous is null ? "created" : "updated" };
    }

    public override async Task<ImportRegistryResponse> ImportRegistry(IAsyncStreamReader<ImportRegistryRequest> requestStream, ServerCallContext context)
    {
        var caller = context.Caller();
        var limits = options.Value.Registry;
        var csv = new RegistryCsv(caller.Scope, limits.MaxLineBytes, limits.MaxLines);
        var response = new ImportRegistryResponse();
        var first = true;
        var dryRun = false;
        var now = SqlTime.Format(time.GetUtcNow());
        var batch = new List<BodyRow>();
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                if (first)
                {
                    dryRun = requestStream.Current.DryRun;
                    first = false;
                }
                batch.AddRange(csv.Read(requestStream.Current.CsvChunk.Span, now));
                if (batch.Count >= 2000)
                {
                    await StoreAsync(batch);
                }
            }
            batch.AddRange(csv.Finish(now));
            await StoreAsync(batch);
        }
        catch (Exception ex) when (!dryRun)
        {
            // Cancelled, refused or failed mid-stream: the batches stored before stay, so the change is audited with
            // what it stored, whether or not the caller is still there to hear (the call's own token may be the one cancelled).
            var reason = ex switch
            {
                RpcException rpc => ServiceError.ReasonOf(rpc) ?? rpc.StatusCode.ToString(),
                OperationCanceledException or IOException => "CANCELLED",
                _ => ex.GetType().Name,
            };
            var outcome = response.Inserted + response.Updated > 0 ? ImportOutcome.Partial : ImportOutcome.Failed;
            var detail = ImportDetail(outcome, reason, csv, response, context);
            ComplianceLog.RegistryImportEnded(logger, caller.Label, AddressOf(context), outcome, reason, detail);
            await audit.RecordAsync(caller, AuditActions.RegistryImport, "registry", caller.Scope, detail, CancellationToken.None);
            throw;
        }
        response.RowsRead = csv.RowsRead;
        response.Errors.AddRange(csv.Errors.Select(e => new RowError { Line = e.Line, Reason = e.Reason, Message = e.Message }));
        if (!dryRun)
        {
            // Everything is stored by now: the entry is written even if the caller goes away this instant.
            await audit.RecordAsync(caller, AuditActions.RegistryImport, "registry", caller.Scope, ImportDetail(ImportOutcome.Completed, "", csv, response, context), CancellationToken.None);
        }
        return response;

        async Task StoreAsync(List<BodyRow> rows)
        {
            if (rows.Count > 0 && !dryRun)
            {
                var (inserted, updated, unchanged) = await registry.UpsertAsync(rows, context.CancellationToken);
                response.Inserted += inserted;
                response.Updated += updated;
                response.Unchanged += unchanged;
            }
            rows.Clear();
        }
    }

    /// <summary>How an import ended, as its audit entry says: every row read stored, some stored before it ended, or none.</summary>
    private static class ImportOutcome
    {
        public const string Completed = "completed";
        public const string Partial = "partial";
        public const string Failed = "failed";
    }

    // The audit log has no outcome or address column yet: both lead and end the entry's detail.
    private static string ImportDetail(string outcome, string reason, RegistryCsv csv, ImportRegistryResponse response, ServerCallContext context) =>
        $"outcome {outcome}{(reason.Length == 0 ? "" : $" ({reason})")}, rows {csv.RowsRead}, inserted {response.Inserted}, updated {response.Updated}, unchanged {response.Unchanged}, " +
        $"errors {csv.ErrorCount}, from {AddressOf(context)}";

    private static string AddressOf(ServerCallContext context) =>
        context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? context.Peer;

    public override async Task<ListRegistryResponse> ListRegistry(ListRegistryRequest request, ServerCallContext context)
    {
        Check("codePrefix", ScopeRules.PrefixError("code_prefix", request.CodePrefix));
        Check("level", ScopeRules.LevelError("level", request.Level));
        Check("kind", request.Kind is "" or "government" or "department" ? null : $"kind '{request.Kind}' 无效:可选 government、department,或留空表示全部");
        var pageSize = PageTokens.PageSize(request.PageSize);
        var caller = context.Caller();
        if (caller.Narrow(request.CodePrefix) is not { } prefix)
        {
            return new ListRegistryResponse();
        }
        var afterCode = pageTokens.ReadPosition(request.PageToken, request, caller.KeyId);
        var rows = await registry.ListAsync(prefix, request.Level, request.Kind, request.MustReportOnly, afterCode, pageSize + 1, context.CancellationToken);
        var response = new ListRegistryResponse();
        response.Bodies.AddRange(rows.Take(pageSize).Select(b => new Body { Code = b.Code, Name = b.Name, Level = b.Level, ParentCode = b.ParentCode, Kind = b.Kind, MustReport = b.MustReport }));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.WritePosition(rows[pageSize - 1].Code, request, caller.KeyId);
        }
        return response;
    }

    private async Task<Finding> ChangeStatusAsync(string findingId, string reason, string status, string action, ServerCallContext context)
    {
        RequireFindingId(findingId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Guard.Invalid("REASON_MISSING", "reason", action == "waive" ? "请填写豁免理由(reason):说明该问题为何不适用" : "请填写重新打开的理由(reason)");
        }
        var (current, _) = await findings.GetAsync(findingId, context.CancellationToken);
        if (current is null)
        {
            throw FindingNotFound(findingId);
        }
        context.RequireCovers(current.JurisdictionCode, $"问题 {findingId}", "findingId");
        if (current.Status == status)
        {
            throw new ServiceError(StatusCode.FailedPrecondition, status == FindingStatus.Waived ? "FINDING_ALREADY_WAIVED" : "FINDING_ALREADY_OPEN",
                status == FindingStatus.Waived ? "该问题已被豁免:如需更改请先重新打开" : "该问题当前是打开状态,无需重新打开", "findingId").ToRpcException();
        }
        var actionRow = new ActionRow { Action = action, Reason = reason.Trim(), Actor = context.Caller().Label, At = SqlTime.Format(time.GetUtcNow()) };
        var entry = audit.Entry(context.Caller(), status == FindingStatus.Waived ? AuditActions.FindingWaive : AuditActions.FindingReopen, findingId, current.JurisdictionCode, actionRow.Reason);
        var (finding, history) = await findings.SetStatusAsync(findingId, status, actionRow, entry, context.CancellationToken);
        return finding is null ? throw FindingNotFound(findingId) : ToMessage(finding, history);
    }

    private static void RequireFindingId(string findingId)
    {
        if (string.IsNullOrWhiteSpace(findingId))
        {
            throw Guard.Invalid("FINDING_ID_MISSING", "findingId", "finding_id 为空:请填写 ListFindings 或 CheckReport 返回的 finding_id");
        }
    }

    private static RpcException FindingNotFound(string findingId) =>
        new ServiceError(StatusCode.NotFound, "FINDING_NOT_FOUND", $"未找到问题 '{findingId}':请用 ListFindings 查看", "findingId").ToRpcException();

    private static void Check(string field, string? error)
    {
        if (error is not null)
        {
            throw Guard.Invalid("FILTER_INVALID", field, error);
        }
    }


    private static DateOnly? ToDate(Date date) =>
        date.Year is >= 2000 and <= 2100 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : null;

    private Finding ToMessage(FindingRow row, IReadOnlyList<ActionRow> history)
    {
        var finding = new Finding
        {
            FindingId = row.FindingId, ReportId = row.ReportId, Revision = row.Revision, JurisdictionCode = row.JurisdictionCode, ReportYear = row.ReportYear,
            Code = row.Code, Severity = row.Severity, SectionKind = row.SectionKind, Message = row.Message, RulePackId = row.RulePackId,
            RulePackVersion = row.RulePackVersion, Status = row.Status, CreatedAt = Timestamp.FromDateTimeOffset(SqlTime.Parse(row.CreatedAt)), SweepId = row.SweepId,
            JurisdictionName = divisions.Find(row.JurisdictionCode)?.Name ?? "", ReportType = row.ReportType,
        };
        finding.Evidence.AddRange(FindingRows.Evidence(row).Select(e => new Evidence
        {
            SectionPath = e.SectionPath, Span = e.Field.Length > 0 ? null : new TextSpan { Start = e.Start, Length = e.Length }, Excerpt = e.Excerpt, Field = e.Field,
            ReportId = e.ReportId ?? "", Revision = e.Revision,
        }));
        finding.History.AddRange(history.Select(h => new FindingAction { Action = h.Action, Reason = h.Reason, Actor = h.Actor, At = Timestamp.FromDateTimeOffset(SqlTime.Parse(h.At)) }));
        return finding;
    }

    private static Sweep ToMessage(SweepRow row)
    {
        var asOf = DateOnly.ParseExact(row.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sweep = new Sweep
        {
            SweepId = row.SweepId, ReportYear = row.ReportYear, AsOf = new Date { Year = asOf.Year, Month = asOf.Month, Day = asOf.Day }, ScopePrefix = row.ScopePrefix,
            Trigger = row.TriggerName, Status = row.Status, StartedAt = Timestamp.FromDateTimeOffset(SqlTime.Parse(row.StartedAt)), ScheduleSlot = row.ScheduleSlot, ReportType = row.ReportType,
        };
        if (row.FinishedAt is not null)
        {
            sweep.FinishedAt = Timestamp.FromDateTimeOffset(SqlTime.Parse(row.FinishedAt));
        }
        if (row.Summary is not null)
        {
            sweep.Summary = JsonParser.Default.Parse<SweepSummary>(row.Summary);
        }
        return sweep;
    }

    private static RulePackMessage ToMessage(RulePack pack, PackRow? row)
    {
        var message = new RulePackMessage
        {
            PackId = pack.PackId, Version = pack.Version, Name = pack.Name, Description = pack.Description, ScopePrefix = pack.ScopePrefix,
            YearFrom = pack.YearFrom, YearTo = pack.YearTo, ShortfallsWithoutCausesSeverity = pack.ShortfallsWithoutCausesSeverity,
            Thresholds = pack.Thresholds is { } t ? new Contracts.Compliance.V1.Thresholds { MinFigures = t.MinFigures, LowQuantitativeSeverity = t.LowQuantitativeSeverity } : null,
            UpdatedBy = row?.UpdatedBy ?? "",
            UpdatedAt = row is null ? null : Timestamp.FromDateTimeOffset(SqlTime.Parse(row.UpdatedAt)),
        };
        message.Sections.AddRange(pack.Sections.Select(s => new Contracts.Compliance.V1.SectionRule { Kind = s.Kind, MissingSeverity = s.MissingSeverity, NotDedicatedSeverity = s.NotDedicatedSeverity }));
        message.Deadlines.AddRange(pack.Deadlines.Select(d => new Contracts.Compliance.V1.DeadlineRule { Deadline = d.Deadline, BodyKind = d.BodyKind, YearOffset = d.YearOffset, Month = d.Month, Day = d.Day, Severity = d.Severity }));
        if (pack.TaskAreas is { } areas)
        {
            message.TaskAreas = new Contracts.Compliance.V1.TaskAreaRule { MissingSeverity = areas.MissingSeverity };
            message.TaskAreas.Required.AddRange(areas.Required);
        }
        if (pack.TextReuse is { } reuse)
        {
            message.TextReuse = new Contracts.Compliance.V1.TextReuseRule { OtherBodyShare = reuse.OtherBodyShare, LastYearShare = reuse.LastYearShare, MinPassages = reuse.MinPassages, Severity = reuse.Severity };
        }
        message.ReportType = pack.Type;
        return message;
    }

    private static RulePack FromMessage(RulePackMessage message) => new(
        message.PackId, message.Version, message.Name, message.Description, message.ScopePrefix, message.YearFrom, message.YearTo,
        [.. message.Sections.Select(s => new Analysis.Rules.SectionRule(s.Kind, s.MissingSeverity, s.NotDedicatedSeverity))],
        message.ShortfallsWithoutCausesSeverity,
        [.. message.Deadlines.Select(d => new Analysis.Rules.DeadlineRule(d.Deadline, d.BodyKind, d.YearOffset, d.Month, d.Day, d.Severity))],
        message.Thresholds is { } t ? new Analysis.Rules.Thresholds(t.MinFigures, t.LowQuantitativeSeverity) : null,
        message.TaskAreas is { } a ? new Analysis.Rules.TaskAreaRule([.. a.Required], a.MissingSeverity) : null,
        message.TextReuse is { } r ? new Analysis.Rules.TextReuseRule(r.OtherBodyShare, r.LastYearShare, r.MinPassages, r.Severity) : null,
        message.ReportType);
}
