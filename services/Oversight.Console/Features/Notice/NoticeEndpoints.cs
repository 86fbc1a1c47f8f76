using System.Globalization;
using System.Text;
using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.WebConsole.Session;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Notice;

/// <summary>
/// Late and missing bodies: those a sweep found without a report once the deadline passed (NOT_DISCLOSED) and those
/// that published late (DISCLOSURE_LATE), open ones, 50 a page; the whole list as .xlsx or CSV for the notice.
/// </summary>
public static class NoticeEndpoints
{
    private const int PageSize = 50;

    public static void Map(WebApplication app)
    {
        app.MapGet("/notice", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, user => PageAsync(context, clients, user)));
        app.MapGet("/notice.xlsx", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, user => ExportAsync(context, clients, user,
            ExportFormat.Xlsx)));
        app.MapGet("/notice.csv", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, user => ExportAsync(context, clients, user,
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
        var late = context.Request.Query["kind"] == "late";
        var page = await clients.Compliance.ListFindingsAsync(
            NoticeList.Request(query, late ? RuleVocabulary.DisclosureLate : RuleVocabulary.NotDisclosed, PageSize, context.Request.Query["page"].ToString()),
                cancellationToken: context.RequestAborted);
        return Layout.Page(context, $"{ScopeQuery.NameOf(query.Scope)} {query.Year} 年度未公开与逾期公开单位", Render(query, late, page));
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
        var missing = await NoticeList.AllAsync(clients, NoticeList.Request(query, RuleVocabulary.NotDisclosed, 500, ""), context.RequestAborted);
        var late = await NoticeList.AllAsync(clients, NoticeList.Request(query, RuleVocabulary.DisclosureLate, 500, ""), context.RequestAborted);
        var rows = missing.Concat(late).OrderBy(f => f.JurisdictionCode, StringComparer.Ordinal).Select(NoticeList.Row);
        return Export.File(format, $"未公开与逾期-{(query.Scope.Length == 0 ? "全国" : query.Scope)}-{query.Year}", NoticeList.Columns, rows);
    }

    private static string Render(ScopeQuery query, bool late, ListFindingsResponse page)
    {
        var year = query.Year.ToString(CultureInfo.InvariantCulture);
        (string, string?)[] Base() => [("scope", query.Scope), ("year", year), ("type", query.Type)];
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"/notice\" class=\"filters\">").Append(Forms.Input("scope", "辖区代码", query.Scope, "[0-9]{0,9}"))
            .Append(Forms.Input("year", "年度", year, "[0-9]{4}")).Append(Forms.Select("type", "报告类型", query.Type, Labels.ReportTypes, "法治政府建设年度报告"))
            .Append("<input type=\"hidden\" name=\"kind\" value=\"").Append(late ? "late" : "missing").Append("\"><button type=\"submit\">查看</button></form>");
        html.Append("<p class=\"exports\">导出通报清单(未公开与逾期公开):<a href=\"").Append(Url("/notice.xlsx", Base())).Append("\" download>Excel(.xlsx)</a> · <a href=\"")
            .Append(Url("/notice.csv", Base())).Append("\" download>CSV</a></p>");
        html.Append("<nav class=\"tabs\" aria-label=\"类别\"><a href=\"").Append(Url("/notice", [.. Base(), ("kind", "missing")])).Append('"').Append(late ? ""
            : " aria-current=\"page\"")
            .Append(">未公开报告</a> <a href=\"").Append(Url("/notice", [.. Base(), ("kind", "late")])).Append('"').Append(late ? " aria-current=\"page\""
                : "").Append(">逾期公开</a></nav>");
        if (page.Findings.Count == 0)
        {
            return html.Append("<p class=\"empty\">").Append(late ? "没有逾期公开的报告。" : "没有巡检判定未公开的单位(如尚未巡检,请先运行巡检)。").Append("</p>").ToString();
        }
        html.Append("<table><thead><tr><th scope=\"col\">辖区</th><th scope=\"col\">代码</th><th scope=\"col\">说明</th><th scope=\"col\">详情</th></tr></thead><t" +
            "body>");
        foreach (var f in page.Findings)
        {
            html.Append("<tr><td>").Append(E(f.JurisdictionName.Length > 0 ? f.JurisdictionName : ScopeQuery.NameOf(f.JurisdictionCode))).Append("</td><td>")
                .Append(E(f.JurisdictionCode)).Append("</td><td>").Append(E(f.Message)).Append("</td><td><a href=\"/findings/")
                    .Append(E(Uri.EscapeDataString(f.FindingId)))
                .Append("\">问题详情</a></td></tr>");
        }
        html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"").Append(Url("/notice", [.. Base(), ("kind", late ? "late"
            : "missing")])).Append("\">第一页</a>");
        if (page.NextPageToken.Length > 0)
        {
            html.Append(" <a rel=\"next\" href=\"").Append(Url("/notice", [.. Base(), ("kind", late ? "late" : "missing"), ("page",
                page.NextPageToken)])).Append("\">下一页</a>");
        }
        return html.Append("</nav>").ToString();
    }
}
