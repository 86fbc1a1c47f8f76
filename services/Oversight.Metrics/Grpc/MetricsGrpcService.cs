using Oversight.Analysis;
using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Analysis;
using Oversight.Metrics.Queries;
using Oversight.Metrics.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Storage;
using Contract = Oversight.Contracts.Metrics.V1.MetricsService;

namespace Oversight.Metrics.Grpc;

/// <summary>
/// oversight.metrics.v1.MetricsService: guards requests and adapts them to the analyzer and the store.
/// Queries are limited to the caller's jurisdiction scope; a report or jurisdiction named outright must lie inside it.
/// </summary>
public sealed class MetricsGrpcService(ReportAnalyzer analyzer, MetricStore store, MetricQueries queries, IndicatorCatalog catalog, PageTokens pageTokens) : Contract.MetricsServiceBase
{
    private const int ExportPageSize = 1000;
    private const int MaxAggregatePage = 10_000;

    public override async Task<AnalyzeReportResponse> AnalyzeReport(AnalyzeReportRequest request, ServerCallContext context)
    {
        Guard.Report(request.ReportId, request.Revision);
        var outcome = await analyzer.AnalyzeAsync(request.ReportId, request.Revision, request.Force, context.CancellationToken, context.Caller());
        return new AnalyzeReportResponse
        {
            ReportId = outcome.ReportId,
            Revision = outcome.Revision,
            CatalogVersion = outcome.CatalogVersion,
            ValueCount = outcome.ValueCount,
            Outcome = outcome.Outcome,
        };
    }

    public override async Task<ReportMetrics> GetReportMetrics(GetReportMetricsRequest request, ServerCallContext context)
    {
        Guard.Report(request.ReportId, request.Revision);
        var analysis = await store.GetAnalysisAsync(request.ReportId, request.Revision, context.CancellationToken)
            ?? throw new ServiceError(StatusCode.NotFound, "METRICS_NOT_FOUND",
                $"报告 '{request.ReportId}'{(request.Revision == 0 ? "" : $" 第 {request.Revision} 次修订")} 尚未分析:请先调用 AnalyzeReport,或检查 report_id", "reportId").ToRpcException();
        context.RequireCovers(analysis.JurisdictionCode, $"报告 {request.ReportId}", "reportId");
        var values = await store.GetValuesAsync(analysis.ReportId, analysis.Revision, context.CancellationToken);
        var response = new ReportMetrics
        {
            ReportId = analysis.ReportId,
            Revision = analysis.Revision,
            CatalogVersion = analysis.CatalogVersion,
            AnalyzedAt = Timestamp.FromDateTimeOffset(SqlTime.Parse(analysis.AnalyzedAt)),
        };
        response.Values.AddRange(values.Select(ToMessage));
        return response;
    }

    public override async Task<QueryAggregatesResponse> QueryAggregates(QueryAggregatesRequest request, ServerCallContext context)
    {
        var scope = Scope(request.JurisdictionPrefix, request.ReportYear, request.Level, request.Indicators, context.Caller());
        var grouping = request.GroupBy switch
        {
            AggregateGrouping.Unspecified => Grouping.None,
            AggregateGrouping.Jurisdiction => Grouping.Jurisdiction,
            AggregateGrouping.Parent => Grouping.Parent,
            AggregateGrouping.Level => Grouping.Level,
            AggregateGrouping.Year => Grouping.Year,
            _ => throw Guard.Invalid("FILTER_INVALID", "groupBy", $"group_by {(int)request.GroupBy} 无效:可选 JURISDICTION、PARENT、LEVEL、YEAR,或不填表示不分组"),
        };
        if (request.Layout is not (AggregateLayout.Rows or AggregateLayout.Groups))
        {
            throw Guard.Invalid("FILTER_INVALID", "layout", $"layout {(int)request.Layout} 无效:可选 ROWS(逐行,默认)或 GROUPS(按分组成列)");
        }
        if (request.PageSize is < 0 or > MaxAggregatePage)
        {
            throw Guard.Invalid("PAGE_SIZE_INVALID", "pageSize", $"page_size {request.PageSize} 无效:请填写 1 到 {MaxAggregatePage} 个分组,或 0 一次返回全部分组");
        }
        var caller = context.Caller().KeyId;
        var page = new GroupPage(request.PageToken.Length > 0 ? pageTokens.ReadPosition(request.PageToken, request, caller) : null, request.PageSize);
        var (table, more) = await queries.AggregatesAsync(scope, grouping, request.Layout, page, context.CancellationToken);
        if (more is not null)
        {
            table.NextPageToken = pageTokens.WritePosition(more, request, caller);
        }
        return table;
    }

    public override async Task<CompareYearsResponse> CompareYears(CompareYearsRequest request, ServerCallContext context)
    {
        if (ScopeRules.CodeError("jurisdiction_code", request.JurisdictionCode) is { } codeError)
        {
            throw Guard.Invalid("FILTER_INVALID", "jurisdictionCode", codeError);
        }
        CheckYear("fromYear", "from_year", request.FromYear);
        CheckYear("toYear", "to_year", request.ToYear);
        if (request.FromYear != 0 && request.ToYear != 0 && request.FromYear > request.ToYear)
        {
            throw Guard.Invalid("FILTER_INVALID", "fromYear", $"from_year {request.FromYear} 晚于 to_year {request.ToYear}:请交换或修改年份");
        }
        CheckIndicators(request.Indicators);
        context.RequireCovers(request.JurisdictionCode, $"辖区 {request.JurisdictionCode}", "jurisdictionCode");
        return await queries.CompareYearsAsync(request.JurisdictionCode, request.FromYear, request.ToYear, request.Indicators, context.CancellationToken);
    }

    public override Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context)
    {
        var response = new ListIndicatorsResponse { CatalogVersion = catalog.Version };
        foreach (var definition in catalog.Indicators)
        {
            var indicator = new Indicator { Id = definition.Id, Name = definition.Name, Unit = definition.Unit, Description = definition.Description };
            indicator.Patterns.AddRange(definition.Patterns);
            response.Indicators.Add(indicator);
        }
        foreach (var area in TaskAreaCatalog.Default.Areas)
        {
            var indicator = new Indicator
            {
                Id = TaskAreaValues.IndicatorOf(area.Id), Name = "任务领域:" + area.Name, Unit = TaskAreaValues.Unit,
                Description = "1 = 报告的主要举措涉及法治政府建设实施纲要(2021—2025年)的这一任务领域(证据为所在句子);未涉及则无值",
            };
            indicator.Patterns.AddRange(area.Cues);
            response.Indicators.Add(indicator);
        }
        foreach (var row in TableFigureCatalog.Default.Rows)
        {
            var indicator = new Indicator
            {
                Id = row.Indicator, Name = row.Name, Unit = row.Unit,
                Description = $"{Oversight.Analysis.Rules.ReportTypes.Name(TableFigureCatalog.Default.ReportType)}统计表:" + (row.Label.Length > 0 ? $"「{row.Label}」一行" : $"仅含数字、至少 {row.MinNumbers} 列的一行") + (row.Column < 0 ? "的总计(最后一列)" : $"的第 {row.Column} 个数字"),
            };
            if (row.Label.Length > 0)
            {
                indicator.Patterns.Add(row.Label);
            }
            response.Indicators.Add(indicator);
        }
        return Task.FromResult(response);
    }

    public override async Task ExportValues(ExportValuesRequest request, IServerStreamWriter<MetricValue> responseStream, ServerCallContext context)
    {
        if (Scope(request.JurisdictionPrefix, request.ReportYear, request.Level, request.Indicators, context.Caller()) is not { } limited)
        {
            return;
        }
        var scope = limited with { IncludeSuperseded = request.IncludeSuperseded };
        var after = ("", 0, -1);
        while (true)
        {
            var page = await store.ExportPageAsync(scope, after, ExportPageSize, context.CancellationToken);
            foreach (var row in page)
            {
                await responseStream.WriteAsync(ToMessage(row), context.CancellationToken);
            }
            if (page.Count < ExportPageSize)
            {
                return;
            }
            after = (page[^1].ReportId, page[^1].Revision, page[^1].Ordinal);
        }
    }

    /// <summary>The values a query covers, limited to the caller's scope; null when the requested prefix lies outside it.</summary>
    private ValueScope? Scope(string prefix, int year, string level, IReadOnlyCollection<string> indicators, Caller caller)
    {
        if (ScopeRules.PrefixError("jurisdiction_prefix", prefix) is { } prefixError)
        {
            throw Guard.Invalid("FILTER_INVALID", "jurisdictionPrefix", prefixError);
        }
        CheckYear("reportYear", "report_year", year);
        if (ScopeRules.LevelError("level", level) is { } levelError)
        {
            throw Guard.Invalid("FILTER_INVALID", "level", levelError);
        }
        CheckIndicators(indicators);
        return caller.Narrow(prefix) is { } limited ? new ValueScope(limited, year, level, [.. indicators.Distinct()]) : null;
    }

    private void CheckIndicators(IEnumerable<string> indicators)
    {
        var unknown = indicators.Where(i => !StoredIndicators.IsKnown(catalog, i)).ToList();
        if (unknown.Count > 0)
        {
            throw Guard.Invalid("INDICATOR_UNKNOWN", "indicators", $"未知的指标 {string.Join("、", unknown)}:请用 ListIndicators 查看目录 {catalog.Version} 中的指标 id");
        }
    }

    private static void CheckYear(string field, string name, int year)
    {
        if (ScopeRules.YearError(name, year) is { } error)
        {
            throw Guard.Invalid("FILTER_INVALID", field, error);
        }
    }

    private static MetricValue ToMessage(ValueRow row) => new()
    {
        Indicator = row.Indicator,
        Value = row.Value,
        ValueUpper = row.ValueUpper ?? 0,
        Unit = row.Unit,
        Qualifier = row.Qualifier,
        RawText = row.RawText,
        UsedInAggregate = row.UsedInAggregate,
        ReportId = row.ReportId,
        Revision = row.Revision,
        JurisdictionCode = row.JurisdictionCode,
        ReportYear = row.ReportYear,
        Level = row.Level,
        Evidence = new Evidence
        {
            SectionPath = row.SectionPath,
            Span = new TextSpan { Start = row.SpanStart, Length = row.SpanLength },
            Excerpt = row.Excerpt,
        },
    };
}
