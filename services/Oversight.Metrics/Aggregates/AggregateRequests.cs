using Google.Protobuf.Reflection;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Queries;
using Oversight.Metrics.Storage;
using Oversight.Metrics.Values;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;

namespace Oversight.Metrics.Aggregates;

/// <summary>QueryAggregates and CompareYears: requests checked, narrowed to the caller's scope and answered by the queries.</summary>
public sealed class AggregateRequests(MetricQueries queries, ValueFilters filters, PageTokens pageTokens)
{
    private const int MaxAggregatePage = 10_000;

    public async Task<QueryAggregatesResponse> QueryAsync(QueryAggregatesRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var scope = filters.Scope(ValueFilters.AggregateFields, request.JurisdictionPrefix, request.ReportYear, request.Level, request.Indicators, caller);
        var grouping = request.GroupBy switch
        {
            AggregateGrouping.Unspecified => Grouping.None,
            AggregateGrouping.Jurisdiction => Grouping.Jurisdiction,
            AggregateGrouping.Parent => Grouping.Parent,
            AggregateGrouping.Level => Grouping.Level,
            AggregateGrouping.Year => Grouping.Year,
            _ => throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.GroupByFieldNumber),
                $"group_by {(int)request.GroupBy} 无效:可选 JURISDICTION、PARENT、LEVEL、YEAR,或不填表示不分组"),
        };
        if (request.Layout is not (AggregateLayout.Rows or AggregateLayout.Groups))
        {
            throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.LayoutFieldNumber),
                $"layout {(int)request.Layout} 无效:可选 ROWS(逐行,默认)或 GROUPS(按分组成列)");
        }
        if (request.PageSize is < 0 or > MaxAggregatePage)
        {
            throw Guard.Invalid(Reasons.PageSizeInvalid, Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.PageSizeFieldNumber),
                $"page_size {request.PageSize} 无效:请填写 1 到 {MaxAggregatePage} 个分组,或 0 一次返回全部分组");
        }
        var position = request.PageToken.Length > 0 ? pageTokens.ReadPosition(request.PageToken, request, caller.KeyId) : null;
        var (table, more) = await queries.AggregatesAsync(scope, grouping, request.Layout, new GroupPage(position, request.PageSize), cancellationToken);
        if (more is not null)
        {
            table.NextPageToken = pageTokens.WritePosition(more, request, caller.KeyId);
        }
        return table;
    }

    public Task<CompareYearsResponse> CompareAsync(CompareYearsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Filter(Fields.Of<CompareYearsRequest>(CompareYearsRequest.JurisdictionCodeFieldNumber), ScopeRules.CodeError, request.JurisdictionCode);
        Guard.Filter(Fields.Of<CompareYearsRequest>(CompareYearsRequest.FromYearFieldNumber), ScopeRules.YearError, request.FromYear);
        Guard.Filter(Fields.Of<CompareYearsRequest>(CompareYearsRequest.ToYearFieldNumber), ScopeRules.YearError, request.ToYear);
        if (request.FromYear != 0 && request.ToYear != 0 && request.FromYear > request.ToYear)
        {
            throw Guard.Invalid(Reasons.FilterInvalid, Fields.Of<CompareYearsRequest>(CompareYearsRequest.FromYearFieldNumber),
                $"from_year {request.FromYear} 晚于 to_year {request.ToYear}:请交换或修改年份");
        }
        filters.CheckIndicators(Fields.Of<CompareYearsRequest>(CompareYearsRequest.IndicatorsFieldNumber), request.Indicators);
        caller.RequireCovers(request.JurisdictionCode, $"辖区 {request.JurisdictionCode}",
            Fields.Of<CompareYearsRequest>(CompareYearsRequest.JurisdictionCodeFieldNumber).JsonName);
        return queries.CompareYearsAsync(request.JurisdictionCode, request.FromYear, request.ToYear, request.Indicators, cancellationToken);
    }
}
