using System.Globalization;
using System.Text;
using Oversight.WebConsole.Features.Notice;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.WebConsole.Session;
using Oversight.Contracts.Metrics.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Figures;

/// <summary>
/// One indicator across the jurisdictions of a scope for a year, and across the years for the scope, as metrics
/// aggregates it (sum, reports stating): tables, bar charts, and the table as .xlsx or CSV.
/// </summary>
public static class FigureEndpoints
{
    private static readonly string[] Columns = ["分组", "名称", "指标", "单位", "合计", "最小", "最大", "平均", "提及报告数", "未提及报告数"];

    public static void Map(WebApplication app)
    {
        app.MapGet("/figures", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, user => PageAsync(context, clients, user)));
        app.MapGet("/figures.xlsx", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, user => ExportAsync(context, clients, user,
            ExportFormat.Xlsx)));
        app.MapGet("/figures.csv", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, user => ExportAsync(context, clients, user,
            ExportFormat.Csv)));
    }

    private static async Task<IResult> PageAsync(HttpContext context, ConsoleClients clients, ConsoleUser user)
    {
        var (query, error, outOfScope) = ScopeQuery.Read(context, user);
        if (outOfScope)
        {
            return Refusals.OutOfScope(context, user, context.Request.Query["scope"].ToString());
        }
        if (query is null)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", error!);
        }
        var indicators = await clients.Metrics.ListIndicatorsAsync(new ListIndicatorsRequest(), cancellationToken: context.RequestAborted);
        var indicator = context.Request.Query["indicator"].ToString();
        if (indicator.Length == 0)
        {
            indicator = indicators.Indicators.FirstOrDefault()?.Id ?? "";
        }
        var byPlace = await QueryAsync(clients, query, indicator, query.Year, AggregateGrouping.Jurisdiction, context.RequestAborted);
        var byYear = await QueryAsync(clients, query, indicator, 0, AggregateGrouping.Year, context.RequestAborted);
        var name = indicators.Indicators.FirstOrDefault(i => i.Id == indicator)?.Name ?? indicator;
        var html = new StringBuilder();
        var year = query.Year.ToString(CultureInfo.InvariantCulture);
        html.Append("<form method=\"get\" action=\"/figures\" class=\"filters\">").Append(Forms.Input("scope", "辖区代码", query.Scope, "[0-9]{0,9}"))
            .Append(Forms.Input("year", "年度", year, "[0-9]{4}"))
            .Append(Forms.Select("indicator", "指标", indicator, indicators.Indicators.Select(i => (i.Id, $"{i.Name}({i.Unit})")), "请选择"))
            .Append("<button type=\"submit\">查看</button></form>");
        (string, string?)[] q = [("scope", query.Scope), ("year", year), ("indicator", indicator)];
        html.Append("<p class=\"exports\">导出:<a href=\"").Append(Url("/figures.xlsx",
            q)).Append("\">Excel(.xlsx)</a> · <a href=\"").Append(Url("/figures.csv", q)).Append("\">CSV</a></p>");
        html.Append("<h2>").Append(E(name)).Append(":各辖区(").Append(year).Append(" 年度)</h2>");
        html.Append(BarChart.Render($"{name} 各辖区合计", [.. byPlace.Select(r => new Bar(Label(r), r.Sum, Url("/reports", ("scope", r.GroupKey), ("year",
            year))))], byPlace.FirstOrDefault()?.Unit ?? ""));
        Table(html, byPlace);
        html.Append("<h2>").Append(E(name)).Append(":历年</h2>");
        html.Append(BarChart.Render($"{name} 历年合计", [.. byYear.Select(r => new Bar(r.GroupKey, r.Sum, Url("/figures", ("scope", query.Scope), ("year",
            r.GroupKey), ("indicator", indicator))))],
            byYear.FirstOrDefault()?.Unit ?? ""));
        Table(html, byYear);
        return Layout.Page(context, $"{ScopeQuery.NameOf(query.Scope)} 指标", html.ToString());
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ConsoleClients clients, ConsoleUser user, ExportFormat format)
    {
        var (query, error, outOfScope) = ScopeQuery.Read(context, user);
        if (outOfScope)
        {
            return Refusals.OutOfScope(context, user, context.Request.Query["scope"].ToString());
        }
        if (query is null)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", error!);
        }
        var indicator = context.Request.Query["indicator"].ToString();
        var rows = await QueryAsync(clients, query, indicator, query.Year, AggregateGrouping.Jurisdiction, context.RequestAborted);
        return Export.File(format, $"指标-{indicator}-{query.Scope}-{query.Year}", Columns,
            rows.Select(r => new object[] { r.GroupKey, Label(r), r.Indicator, r.Unit, r.Sum, r.Min, r.Max, r.Mean, (long)r.ReportsStating,
                (long)r.ReportsNotStating }));
    }

    private static async Task<IReadOnlyList<AggregateRow>> QueryAsync(ConsoleClients clients, ScopeQuery query, string indicator, int year,
        AggregateGrouping grouping,
        CancellationToken cancellationToken)
    {
        if (indicator.Length == 0)
        {
            return [];
        }
        var request = new QueryAggregatesRequest { JurisdictionPrefix = query.Scope, ReportYear = year, GroupBy = grouping, PageSize = 1000 };
        request.Indicators.Add(indicator);
        var response = await clients.Metrics.QueryAggregatesAsync(request, cancellationToken: cancellationToken);
        return [.. response.Rows];
    }

    private static string Label(AggregateRow r) => r.GroupLabel.Length > 0 ? r.GroupLabel : ScopeQuery.NameOf(r.GroupKey);

    private static void Table(StringBuilder html, IReadOnlyList<AggregateRow> rows)
    {
        html.Append("<table><thead><tr><th scope=\"col\">分组</th><th scope=\"col\" class=\"n\">合计</th><th scope=\"col\" class=\"n\">平均</th>")
            .Append("<th scope=\"col\" class=\"n\">提及报告</th><th scope=\"col\" class=\"n\">未提及报告</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            html.Append("<tr><td>").Append(E(Label(r))).Append(" <span class=\"code\">").Append(E(r.GroupKey)).Append("</span></td><td class=\"n\">")
                .Append(N(r.Sum)).Append(E(r.Unit))
                .Append("</td><td class=\"n\">").Append(N(r.Mean)).Append("</td><td class=\"n\">").Append(N(r.ReportsStating)).Append("</td><td class=\"n\">")
                    .Append(N(r.ReportsNotStating))
                .Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }
}
