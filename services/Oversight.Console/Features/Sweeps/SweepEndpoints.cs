using System.Globalization;
using System.Text;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Sweeps;

/// <summary>Sweeps: the runs, 50 a page; one run with its results, a running one refreshed every few seconds to show its progress.</summary>
public static class SweepEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/sweeps", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
        {
            var page = await clients.Compliance.ListSweepsAsync(new ListSweepsRequest { PageSize = 50, PageToken = context.Request.Query["page"].ToString() },
                cancellationToken: context.RequestAborted);
            var html = new StringBuilder();
            if (page.Sweeps.Count == 0)
            {
                return Layout.Page(context, "巡检", "<p class=\"empty\">尚无巡检记录。</p>");
            }
            html.Append("<table><thead><tr><th scope=\"col\">开始</th><th scope=\"col\">年度</th><th scope=\"col\">范围</th><th scope=\"col\">状态</th>")
                .Append("<th scope=\"col\" class=\"n\">检查报告</th><th scope=\"col\" class=\"n\">未报送单位</th><th scope=\"col\">触发</th></tr></thead><tbody>");
            foreach (var s in page.Sweeps)
            {
                html.Append("<tr><td><a href=\"/sweeps/").Append(E(Uri.EscapeDataString(s.SweepId))).Append("\">").Append(Time(s.StartedAt))
                    .Append("</a></td><td>").Append(s.ReportYear)
                    .Append("</td><td>").Append(E(ScopeQuery.NameOf(s.ScopePrefix))).Append("</td><td>").Append(E(Status(s.Status)))
                        .Append("</td><td class=\"n\">")
                    .Append(N(s.Summary?.ReportsChecked ?? 0)).Append("</td><td class=\"n\">").Append(N(s.Summary?.BodiesWithoutReport
                        ?? 0)).Append("</td><td>")
                    .Append(E(s.ScheduleSlot.Length > 0 ? s.ScheduleSlot : s.Trigger)).Append("</td></tr>");
            }
            html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"/sweeps\">第一页</a>");
            if (page.NextPageToken.Length > 0)
            {
                html.Append(" <a rel=\"next\" href=\"").Append(Url("/sweeps", ("page", page.NextPageToken))).Append("\">下一页</a>");
            }
            return Layout.Page(context, "巡检", html.Append("</nav>").ToString());
        }));
        app.MapGet("/sweeps/{id}", (HttpContext context, ConsoleClients clients, string id) => Refusals.Guard(context, async user =>
        {
            var s = await clients.Compliance.GetSweepAsync(new GetSweepRequest { SweepId = id }, cancellationToken: context.RequestAborted);
            return Layout.Page(context, $"巡检 {s.ReportYear} 年度 · {ScopeQuery.NameOf(s.ScopePrefix)}", Render(s), refresh: s.Status == "running");
        }));
    }

    private static string Render(Sweep s)
    {
        var year = s.ReportYear.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<dl class=\"meta\"><div><dt>状态</dt><dd>").Append(E(Status(s.Status))).Append(s.Status == "running" ? "(页面每 5 秒刷新)" : "")
            .Append("</dd></div><div><dt>开始</dt><dd>").Append(Time(s.StartedAt)).Append("</dd></div><div><dt>结束</dt><dd>").Append(Time(s.FinishedAt))
            .Append("</dd></div><div><dt>判定日</dt><dd>").Append(s.AsOf is { } d ? $"{d.Year}-{d.Month:00}-{d.Day:00}" : "").Append("</dd></div></dl>");
        if (s.Summary is not { } sum)
        {
            return html.Append("<p class=\"empty\">巡检进行中,尚无结果。</p>").ToString();
        }
        html.Append("<dl class=\"cards\"><div class=\"card\"><dt>检查报告</dt><dd>").Append(NumberLink(sum.ReportsChecked, Url("/reports", ("scope",
            s.ScopePrefix), ("year", year))))
            .Append("</dd></div><div class=\"card\"><dt>应报送单位</dt><dd>").Append(N(sum.BodiesExpected))
                .Append("</dd></div><div class=\"card\"><dt>未报送单位</dt><dd>")
            .Append(NumberLink(sum.BodiesWithoutReport, Url("/notice", ("scope", s.ScopePrefix), ("year", year), ("type",
                s.ReportType)))).Append("</dd></div></dl>");
        html.Append(BarChart.Render("各问题类型数量", [.. sum.ByCode.Select(c => new Bar(Labels.FindingCodes.GetValueOrDefault(c.Code, c.Code), c.Count,
            Url("/findings", ("scope", s.ScopePrefix), ("year", year), ("code", c.Code), ("severity", c.Severity), ("status", "open"))))]));
        html.Append("<table><caption>各单位问题数(错误最多的 50 个)</caption><thead><tr><th scope=\"col\">单位</th><th scope=\"col\" class=\"n\">错误</th>")
            .Append("<th scope=\"col\" class=\"n\">警告</th><th scope=\"col\" class=\"n\">提示</th></tr></thead><tbody>");
        foreach (var j in sum.ByJurisdiction.OrderByDescending(j => j.Errors).Take(50))
        {
            html.Append("<tr><td>").Append(E(j.JurisdictionName)).Append(" <span class=\"code\">").Append(E(j.JurisdictionCode))
                .Append("</span></td><td class=\"n\">")
                .Append(NumberLink(j.Errors, Url("/findings", ("scope", j.JurisdictionCode), ("year", year), ("severity", "error"), ("status", "open"))))
                .Append("</td><td class=\"n\">").Append(N(j.Warnings)).Append("</td><td class=\"n\">").Append(N(j.Infos)).Append("</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string Status(string status) => status switch
    {
        "running" => "进行中",
        "completed" => "已完成",
        "failed" => "失败",
        "interrupted" => "已中断",
        _ => status,
    };
}
