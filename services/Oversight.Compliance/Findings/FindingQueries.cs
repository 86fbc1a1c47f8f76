using Google.Protobuf.Reflection;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Paging;

using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Findings;

/// <summary>ListFindings, SummarizeFindings and GetFinding: findings inside the caller's scope, in pages or counted.</summary>
public sealed class FindingQueries(FindingStore findings, FindingMessages messages, PageTokens pageTokens, JurisdictionRegistry divisions)
{
    public async Task<ListFindingsResponse> ListAsync(ListFindingsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Validate(request);
        if (caller.Narrow(request.JurisdictionPrefix) is not { } prefix)
        {
            return new ListFindingsResponse();
        }
        var filter = new FindingFilter(prefix, request.ReportYear, request.Code, request.Severity, request.Status, request.ReportId,
            request.IncludeSuperseded, request.ReportType);
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (after, limit) => findings.ListAsync(filter, after, limit, cancellationToken).AsTask(), f => f.Seq);
        var response = new ListFindingsResponse { NextPageToken = page.NextPageToken };
        response.Findings.AddRange(await messages.ForAsync(caller, page.Rows, cancellationToken));
        return response;
    }

    public async Task<FindingSummary> SummarizeAsync(SummarizeFindingsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Filter(Fields.Of<SummarizeFindingsRequest>(SummarizeFindingsRequest.JurisdictionPrefixFieldNumber), ScopeRules.PrefixError,
            request.JurisdictionPrefix);
        Guard.Filter(Fields.Of<SummarizeFindingsRequest>(SummarizeFindingsRequest.ReportYearFieldNumber), request.ReportYear == 0
            ? "report_year 必填:请填写报告年度,如 2025" : ScopeRules.YearError("report_year", request.ReportYear));
        Guard.Filter(Fields.Of<SummarizeFindingsRequest>(SummarizeFindingsRequest.ReportTypeFieldNumber),
            request.ReportType.Length > 0 && !ReportTypes.All.Contains(request.ReportType)
            ? $"report_type '{request.ReportType}' 无效:可选 {string.Join("、", ReportTypes.All)},或留空表示法治政府建设年度报告" : null);
        if (caller.Narrow(request.JurisdictionPrefix) is not { } prefix)
        {
            return new FindingSummary { JurisdictionPrefix = request.JurisdictionPrefix };
        }
        var type = request.ReportType.Length > 0 ? request.ReportType : ReportTypes.RuleOfLaw;
        var (byCode, byJurisdiction) = await findings.SummaryAsync(prefix, request.ReportYear, type, cancellationToken);
        var summary = new FindingSummary { JurisdictionPrefix = prefix };
        summary.ByCode.AddRange(FindingCounts.ByCode(byCode));
        summary.ByJurisdiction.AddRange(FindingCounts.ByJurisdiction(byJurisdiction, divisions));
        return summary;
    }

    public async Task<Finding> GetAsync(GetFindingRequest request, Caller caller, CancellationToken cancellationToken)
    {
        FindingErrors.RequireId(request.FindingId);
        var (finding, history) = await findings.GetAsync(request.FindingId, cancellationToken);
        if (finding is null)
        {
            throw FindingErrors.NotFound(request.FindingId);
        }
        caller.RequireCovers(finding.JurisdictionCode, $"问题 {request.FindingId}", FindingErrors.IdField);
        return await messages.ForAsync(caller, finding, history, cancellationToken);
    }

    private static void Validate(ListFindingsRequest request)
    {
        var codes = RuleVocabulary.FindingCodes;
        Guard.Filter(Fields.Of<ListFindingsRequest>(ListFindingsRequest.JurisdictionPrefixFieldNumber), ScopeRules.PrefixError, request.JurisdictionPrefix);
        Guard.Filter(Fields.Of<ListFindingsRequest>(ListFindingsRequest.ReportYearFieldNumber), ScopeRules.YearError, request.ReportYear);
        Guard.Filter(Fields.Of<ListFindingsRequest>(ListFindingsRequest.CodeFieldNumber), request.Code.Length > 0 && !codes.Contains(request.Code)
            ? $"code '{request.Code}' 无效:可选 {string.Join("、", codes)}" : null);
        Guard.Filter(Fields.Of<ListFindingsRequest>(ListFindingsRequest.SeverityFieldNumber),
            request.Severity.Length > 0 && !RuleVocabulary.Severities.Contains(request.Severity)
            ? $"severity '{request.Severity}' 无效:可选 error、warning、info" : null);
        Guard.Filter(Fields.Of<ListFindingsRequest>(ListFindingsRequest.StatusFieldNumber), request.Status is "" or FindingStatus.Open or FindingStatus.Waived
            ? null : $"status '{request.Status}' 无效:可选 open、waived,或留空表示全部");
        Guard.Filter(Fields.Of<ListFindingsRequest>(ListFindingsRequest.ReportTypeFieldNumber),
            request.ReportType.Length > 0 && !ReportTypes.All.Contains(request.ReportType)
            ? $"report_type '{request.ReportType}' 无效:可选 {string.Join("、", ReportTypes.All)},或留空表示全部" : null);
    }
}
