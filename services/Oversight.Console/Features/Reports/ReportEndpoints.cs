using System.Globalization;
using System.Text;
using Grpc.Core;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Reports;

/// <summary>Reports of a scope and year, 50 a page as ingestion pages them, and one report in full (<see cref="ReportPage"/>).</summary>
public static class ReportEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/reports", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
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
            var page = await clients.Ingestion.ListReportsAsync(new ListReportsRequest
            {
                Filter = new ReportFilter { JurisdictionPrefix = query.Scope, ReportYear = query.Year },
                PageSize = 50,
                PageToken = context.Request.Query["page"].ToString(),
            }, cancellationToken: context.RequestAborted);
            return Layout.Page(context, $"{ScopeQuery.NameOf(query.Scope)} {query.Year} 年度报告", List(query, page));
        }));
        app.MapGet("/reports/{id}", (HttpContext context, ConsoleClients clients, string id) => Refusals.Guard(context, async user =>
        {
            var report = await clients.Ingestion.GetReportAsync(new GetReportRequest { ReportId = id, View = ReportView.Full },
                cancellationToken: context.RequestAborted);
            var findings = await clients.Compliance.ListFindingsAsync(new ListFindingsRequest { ReportId = id, PageSize = 500 },
                cancellationToken: context.RequestAborted);
            ReportMetrics? metrics;
            try
            {
                metrics = await clients.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = id }, cancellationToken: context.RequestAborted);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                metrics = null; // not analysed yet: the page says so
            }
            return Layout.Page(context, report.Metadata.Title.Length > 0 ? report.Metadata.Title : "报告 " + id, ReportPage.Render(report, findings.Findings,
                metrics));
        }));
    }

    private static string List(ScopeQuery query, ListReportsResponse page)
    {
        var year = query.Year.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"/reports\" class=\"filters\">").Append(Forms.Input("scope", "辖区代码", query.Scope, "[0-9]{0,9}"))
            .Append(Forms.Input("year", "年度", year, "[0-9]{4}")).Append("<button type=\"submit\">查看</button></form>");
        if (page.Reports.Count == 0)
        {
            return html.Append("<p class=\"empty\">没有符合条件的报告。</p>").ToString();
        }
        html.Append("<table><thead><tr><th scope=\"col\">标题</th><th scope=\"col\">辖区</th><th scope=\"col\">公开时间</th><th scope=\"col\">类型</th></tr></thead>" +
            "<tbody>");
        foreach (var r in page.Reports)
        {
            var m = r.Metadata;
            html.Append("<tr><td><a href=\"/reports/").Append(E(Uri.EscapeDataString(r.ReportId))).Append("\">").Append(E(m.Title.Length > 0 ? m.Title
                : r.ReportId)).Append("</a></td><td>")
                .Append(E(m.JurisdictionName)).Append(" <span class=\"code\">").Append(E(m.JurisdictionCode)).Append("</span></td><td>")
                    .Append(Time(m.PublishedAt)).Append("</td><td>")
                .Append(E(Labels.ReportTypes.FirstOrDefault(t => t.Value == m.ReportType).Text ?? m.ReportType)).Append("</td></tr>");
        }
        html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"").Append(Url("/reports", ("scope", query.Scope), ("year",
            year))).Append("\">第一页</a>");
        if (page.NextPageToken.Length > 0)
        {
            html.Append(" <a rel=\"next\" href=\"").Append(Url("/reports", ("scope", query.Scope), ("year", year), ("page",
                page.NextPageToken))).Append("\">下一页</a>");
        }
        return html.Append("</nav>").ToString();
    }
}
