using System.Text;
using Oversight.WebConsole.Features.Notice;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Findings;

/// <summary>
/// Findings filtered by jurisdiction, code, severity and status, a page of 50 at a time as compliance pages them; one
/// finding with its evidence and history, and the waive and reopen forms (compliance checks the role and audits both).
/// </summary>
public static class FindingEndpoints
{
    private const int PageSize = 50;

    public static void Map(WebApplication app)
    {
        app.MapGet("/findings", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
        {
            var (filter, error, outOfScope) = FindingFilter.Read(context, user);
            if (outOfScope)
            {
                return Refusals.OutOfScope(context, user, context.Request.Query["scope"].ToString());
            }
            if (filter is null)
            {
                return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", error!);
            }
            var page = await clients.Compliance.ListFindingsAsync(filter.Request(PageSize, context.Request.Query["page"].ToString()),
                cancellationToken: context.RequestAborted);
            return Layout.Page(context, "问题清单", List(filter, page));
        }));
        app.MapGet("/findings.xlsx", (HttpContext context, ConsoleClients clients) => ExportAsync(context, clients, ExportFormat.Xlsx));
        app.MapGet("/findings.csv", (HttpContext context, ConsoleClients clients) => ExportAsync(context, clients, ExportFormat.Csv));
        app.MapGet("/findings/{id}", (HttpContext context, ConsoleClients clients, string id) => Refusals.Guard(context, async user =>
        {
            var finding = await clients.Compliance.GetFindingAsync(new GetFindingRequest { FindingId = id }, cancellationToken: context.RequestAborted);
            return Layout.Page(context, "问题详情", FindingPage.Render(context, user, finding, context.Request.Query["done"].ToString()));
        }));
        app.MapPost("/findings/{id}/waive", (HttpContext context, ConsoleClients clients, string id) => ChangeAsync(context, clients, id, waive: true));
        app.MapPost("/findings/{id}/reopen", (HttpContext context, ConsoleClients clients, string id) => ChangeAsync(context, clients, id, waive: false));
    }

    private static Task<IResult> ChangeAsync(HttpContext context, ConsoleClients clients, string id, bool waive) => Refusals.Guard(context, async user =>
    {
        if (await Forms.ReadCheckedAsync(context) is not { } form)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", "页面已过期或来源不明:请回到问题详情页重新提交。");
        }
        var reason = form["reason"].ToString().Trim();
        if (reason.Length == 0)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", "请填写理由:豁免或重新打开问题都须写明原因,该理由会记入审计日志。");
        }
        _ = waive
            ? await clients.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = id, Reason = reason }, cancellationToken: context.RequestAborted)
            : await clients.Compliance.ReopenFindingAsync(new ReopenFindingRequest { FindingId = id, Reason = reason },
                cancellationToken: context.RequestAborted);
        return Results.Redirect($"/findings/{Uri.EscapeDataString(id)}?done={(waive ? "waived" : "reopened")}");
    });

    private static Task<IResult> ExportAsync(HttpContext context, ConsoleClients clients, ExportFormat format) => Refusals.Guard(context, async user =>
    {
        var (filter, error, outOfScope) = FindingFilter.Read(context, user);
        if (outOfScope)
        {
            return Refusals.OutOfScope(context, user, context.Request.Query["scope"].ToString());
        }
        if (filter is null)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", error!);
        }
        var findings = await NoticeList.AllAsync(clients, filter.Request(500, ""), context.RequestAborted);
        return Export.File(format, $"问题清单-{filter.Scope.Scope}-{filter.Scope.Year}", NoticeList.Columns, findings.Select(NoticeList.Row));
    });

    private static string List(FindingFilter filter, ListFindingsResponse page)
    {
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"/findings\" class=\"filters\">")
            .Append(Forms.Input("scope", "辖区代码", filter.Scope.Scope, "[0-9]{0,9}"))
            .Append(Forms.Input("year", "年度", filter.Scope.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "[0-9]{4}"))
            .Append(Forms.Select("code", "问题类型", filter.Code, Labels.FindingCodes.Select(c => (c.Key, c.Value))))
            .Append(Forms.Select("severity", "级别", filter.Severity, Labels.Severities))
            .Append(Forms.Select("status", "状态", filter.Status, Labels.Statuses))
            .Append(Forms.Select("type", "报告类型", filter.Scope.Type, Labels.ReportTypes, "法治政府建设年度报告"))
            .Append("<button type=\"submit\">筛选</button></form>");
        html.Append("<p class=\"exports\">导出本筛选的全部问题:<a href=\"").Append(Url("/findings.xlsx", filter.Query())).Append("\">Excel(.xlsx)</a> · <a href=\"")
            .Append(Url("/findings.csv", filter.Query())).Append("\">CSV</a></p>");
        if (page.Findings.Count == 0)
        {
            return html.Append("<p class=\"empty\">没有符合条件的问题。</p>").ToString();
        }
        html.Append("<table><thead><tr><th scope=\"col\">辖区</th><th scope=\"col\">年度</th><th scope=\"col\">问题</th><th scope=\"col\">级别</th>")
            .Append("<th scope=\"col\">状态</th><th scope=\"col\">说明</th><th scope=\"col\">报告</th></tr></thead><tbody>");
        foreach (var f in page.Findings)
        {
            html.Append("<tr><td>").Append(E(f.JurisdictionName.Length > 0 ? f.JurisdictionName : ScopeQuery.NameOf(f.JurisdictionCode))).Append(' ')
                .Append("<span class=\"code\">").Append(E(f.JurisdictionCode)).Append("</span></td><td>").Append(f.ReportYear).Append("</td>")
                .Append("<td><a href=\"/findings/").Append(E(Uri.EscapeDataString(f.FindingId))).Append("\">").Append(E(Labels.Code(f.Code)))
                    .Append("</a></td>")
                .Append("<td class=\"sev-").Append(E(f.Severity)).Append("\">").Append(E(Labels.Severity(f.Severity))).Append("</td><td>")
                    .Append(E(Labels.Status(f.Status)))
                .Append("</td><td>").Append(E(f.Message)).Append("</td><td>")
                .Append(f.ReportId.Length > 0 ? $"<a href=\"/reports/{E(Uri.EscapeDataString(f.ReportId))}\">查看报告</a>" : "—").Append("</td></tr>");
        }
        html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"").Append(Url("/findings", filter.Query())).Append("\">第一页</a>");
        if (page.NextPageToken.Length > 0)
        {
            html.Append(" <a rel=\"next\" href=\"").Append(Url("/findings", [.. filter.Query(), ("page", page.NextPageToken)])).Append("\">下一页</a>");
        }
        return html.Append("</nav>").ToString();
    }
}
