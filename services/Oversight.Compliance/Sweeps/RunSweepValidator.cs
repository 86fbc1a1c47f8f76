using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Access;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Sweeps;

/// <summary>
/// RunSweep's faults: the year, scope, report type and as-of date, and a scope wider than the caller's (a sweep changes
/// findings, so that is refused rather than narrowed).
/// </summary>
public static class RunSweepValidator
{
    /// <summary>The sweep a request asks for, or INVALID_ARGUMENT / PERMISSION_DENIED saying what to fix.</summary>
    public static SweepRequest Validate(RunSweepRequest request, Caller caller, TimeProvider time)
    {
        if (request.ReportYear == 0)
        {
            throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<RunSweepRequest>(RunSweepRequest.ReportYearFieldNumber),
                "report_year 为空:请填写要检查的报告年度,如 2025");
        }
        Guard.Filter(Fields.Of<RunSweepRequest>(RunSweepRequest.ReportYearFieldNumber), ScopeRules.YearError, request.ReportYear);
        Guard.Filter(Fields.Of<RunSweepRequest>(RunSweepRequest.ScopePrefixFieldNumber), ScopeRules.PrefixError, request.ScopePrefix);
        var reportType = ReportTypes.OrDefault(request.ReportType);
        if (!ReportTypes.All.Contains(reportType))
        {
            throw Guard.Invalid(Reasons.ReportTypeInvalid, Fields.Of<RunSweepRequest>(RunSweepRequest.ReportTypeFieldNumber),
                $"report_type '{request.ReportType}' 无效:可选 {string.Join("、", ReportTypes.All)},留空为 rule_of_law");
        }
        var scope = request.ScopePrefix.Length == 0 ? caller.Scope : request.ScopePrefix;
        caller.RequireCovers(scope, $"巡查范围 {AccessErrors.ScopeName(scope)}", Fields.Of<RunSweepRequest>(RunSweepRequest.ScopePrefixFieldNumber).JsonName);
        var asOf = request.AsOf is { } date && (date.Year, date.Month, date.Day) != (0, 0, 0)
            ? ToDate(date) ?? throw Guard.Invalid(Reasons.AsOfInvalid, Fields.Of<RunSweepRequest>(RunSweepRequest.AsOfFieldNumber),
                $"as_of {date.Year}-{date.Month}-{date.Day} 不是有效日期")
            : DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaTime.Offset).DateTime);
        var trigger = request.Trigger.Length == 0 ? "rpc" : request.Trigger;
        return new SweepRequest(request.ReportYear, asOf, scope, trigger, SweepId: SweepRequest.NewId(), ReportType: reportType);
    }

    private static DateOnly? ToDate(Date date) =>
        ReportYears.IsValid(date.Year) && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : null;
}
