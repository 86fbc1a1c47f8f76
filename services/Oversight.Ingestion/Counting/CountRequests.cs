using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Counting;

/// <summary>CountReports' request checked: INVALID_ARGUMENT FILTER_INVALID naming the field, else the prefix narrowed to the caller's scope.</summary>
public static class CountRequests
{
    private static readonly int[] GroupLengths = [0, 2, 4, 6, 9];

    /// <summary>The prefix to count in, or null when the one asked for lies outside the caller's scope (nothing to count).</summary>
    public static string? Validate(CountReportsRequest request, Caller caller)
    {
        if (request.ReportYear == 0)
        {
            throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<CountReportsRequest>(CountReportsRequest.ReportYearFieldNumber),
                "report_year 为空:请填写要统计的报告年度,如 2025");
        }
        Guard.Filter(Fields.Of<CountReportsRequest>(CountReportsRequest.ReportYearFieldNumber), ScopeRules.YearError, request.ReportYear);
        Guard.Filter(Fields.Of<CountReportsRequest>(CountReportsRequest.JurisdictionPrefixFieldNumber), ScopeRules.PrefixError, request.JurisdictionPrefix);
        if (!GroupLengths.Contains(request.GroupLength))
        {
            throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<CountReportsRequest>(CountReportsRequest.GroupLengthFieldNumber),
                $"group_length {request.GroupLength} 无效:可选 2(省)、4(市)、6(县)、9(乡镇),或 0 表示按单位逐个统计");
        }
        return caller.Narrow(request.JurisdictionPrefix);
    }

}
