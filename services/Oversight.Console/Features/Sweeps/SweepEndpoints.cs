using System.Globalization;
using System.Text;
using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;
using Oversight.Vocabulary;

namespace Oversight.WebConsole.Features.Sweeps;

/// <summary>
/// Sweeps: the form that starts one, the runs, 50 a page; one run with its results, a running one refreshed every few
/// seconds to show its progress (the reports checked so far, for a run this console follows).
/// </summary>
public static class SweepEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/sweeps", (HttpContext context, ConsoleClients clients, SweepRuns runs) => Refusals.Guard(context, async user =>
        {
            var page = await clients.Compliance.ListSweepsAsync(new ListSweepsRequest { PageSize = 50, PageToken = context.Request.Query["page"].ToString() },
                cancellationToken: context.RequestAborted);
            var html = new StringBuilder(SweepStartEndpoints.Form(context, user));
            if (context.Request.Query["started"].Count > 0)
            {
                html.Append("<p class=\"notice\" role=\"status\">巡检已开始,正在准备检查的报告;进行中的巡检见下表,页面每 5 秒刷新。</p>");
            }
            if (page.Sweeps.Count == 0)
            {
                return Layout.Page(context, "巡检", html.Append("<p class=\"empty\">尚无巡检记录。</p>").ToString());
            }
            html.Append("<table><thead><tr><th scope=\"col\">开始</th><th scope=\"col\">年度</th><th scope=\"col\">范围</th><th scope=\"col\">状态</th>")
                .Append("<th scope=\"col\" class=\"n\">检查报告</th><th scope=\"col\" class=\"n\">未报送单位</th><th scope=\"col\">触发</th></tr></thead><tbody>");
            foreach (var s in page.Sweeps)
            {
                html.Append("<tr><td><a href=\"/sweeps/").Append(E(Uri.EscapeDataString(s.SweepId))).Append("\">").Append(Time(s.StartedAt))
                    .Append("</a></td><td>").Append(s.ReportYear)
                    .Append("</td><td>").Append(E(ScopeQuery.NameOf(s.ScopePrefix))).Append("</td><td>").Append(E(Status(s.Status)))
                    .Append(E(Done(runs.Progress(s.SweepId)))).Append("</td><td class=\"n\">")
                    .Append(N(s.Summary?.ReportsChecked ?? 0)).Append("</td><td class=\"n\">").Append(N(s.Summary?.BodiesWithoutReport
                        ?? 0)).Append("</td><td>")
                    .Append(E(s.ScheduleSlot.Length > 0 ? s.ScheduleSlot : s.Trigger)).Append("</td></tr>");
            }
            html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"/sweeps\">第一页</a>");
            if (page.NextPageToken.Length > 0)
            {
                html.Append(" <a rel=\"next\" href=\"").Append(Url("/sweeps", ("page", page.NextPageToken))).Append("\">下一页</a>");
            }
            return Layout.Page(context, "巡检", html.Append("</nav>").ToString(), refresh: page.Sweeps.Any(s => s.Status == RunStatuses.Running));
        }));
        app.MapGet("/sweeps/{id}", (HttpContext context, ConsoleClients clients, SweepRuns runs, string id) => Refusals.Guard(context, async user =>
        {
            var s = await clients.Compliance.GetSweepAsync(new GetSweepRequest { SweepId = id }, cancellationToken: context.RequestAborted);
            return Layout.Page(context, $"巡检 {s.ReportYear} 年度 · {ScopeQuery.NameOf(s.ScopePrefix)}", Render(s, runs.Progress(s.SweepId)),
                refresh: s.Status == RunStatuses.Running);
        }));
    }

    private static string Render(Sweep s, SweepProgress? progress)
    {
        var year = s.ReportYear.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<dl class=\"meta\"><div><dt>状态</dt><dd>").Append(E(Status(s.Status))).Append(s.Status == RunStatuses.Running ? "(页面每 5 秒刷新)" : "")
            .Append("</dd></div><div><dt>开始</dt><dd>").Append(Time(s.StartedAt)).Append("</dd></div><div><dt>结束</dt><dd>").Append(Time(s.FinishedAt))
            .Append("</dd></div><div><dt>判定日</dt><dd>").Append(s.AsOf is { } d ? $"{d.Year}-{d.Month:00}-{d.Day:00}" : "").Append("</dd></div></dl>");
        if (s.Summary is not { } sum)
        {
            if (s.Status == RunStatuses.Running && progress is not null)
            {
                html.Append("<p id=\"progress\"><label for=\"progress-bar\">").Append(E(Phase(progress.Phase))).Append(' ').Append(N(progress.Done))
                    .Append(" / ").Append(N(progress.Total)).Append("</label> <progress id=\"progress-bar\" max=\"").Append(Math.Max(1, progress.Total))
                    .Append("\" value=\"").Append(progress.Done).Append("\"></progress></p>");
            }
            return html.Append("<p class=\"empty\">").Append(s.Status == RunStatuses.Running ? "巡检进行中,尚无结果。" : "本次巡检未完成,没有结果;可重新发起。")
                .Append("</p>").ToString();
        }
        html.Append("<dl class=\"cards\"><div class=\"card\"><dt>检查报告</dt><dd>").Append(NumberLink(sum.ReportsChecked, Url("/reports", ("scope",
            s.ScopePrefix), ("year", year))))
            .Append("</dd></div><div class=\"card\"><dt>应报送单位</dt><dd>").Append(N(sum.BodiesExpected))
                .Append("</dd></div><div class=\"card\"><dt>未报送单位</dt><dd>")
            .Append(NumberLink(sum.BodiesWithoutReport, Url("/notice", ("scope", s.ScopePrefix), ("year", year), ("type",
                s.ReportType)))).Append("</dd></div></dl>");
        html.Append(BarChart.Render("各问题类型数量", [.. sum.ByCode.Select(c => new Bar(Labels.FindingCodes.GetValueOrDefault(c.Code, c.Code), c.Count,
            Url("/findings", ("scope", s.ScopePrefix), ("year", year), ("code", c.Code), ("severity", c.Severity), ("status", FindingStatus.Open))))]));
        html.Append("<table><caption>各单位问题数(错误最多的 50 个)</caption><thead><tr><th scope=\"col\">单位</th><th scope=\"col\" class=\"n\">错误</th>")
            .Append("<th scope=\"col\" class=\"n\">警告</th><th scope=\"col\" class=\"n\">提示</th></tr></thead><tbody>");
        foreach (var j in sum.ByJurisdiction.OrderByDescending(j => j.Errors).Take(50))
        {
            html.Append("<tr><td>").Append(E(j.JurisdictionName)).Append(" <span class=\"code\">").Append(E(j.JurisdictionCode))
                .Append("</span></td><td class=\"n\">")
                .Append(NumberLink(j.Errors, Url("/findings", ("scope", j.JurisdictionCode), ("year", year), ("severity", RuleVocabulary.Error),
                    ("status", FindingStatus.Open))))
                .Append("</td><td class=\"n\">").Append(N(j.Warnings)).Append("</td><td class=\"n\">").Append(N(j.Infos)).Append("</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string Done(SweepProgress? progress) => progress is null ? "" : $"({Phase(progress.Phase)} {N(progress.Done)}/{N(progress.Total)})";

    private static string Phase(string phase) => phase == "registry" ? "已核对名录单位" : "已检查报告";

    private static string Status(string status) => status switch
    {
        RunStatuses.Running => "进行中",
        RunStatuses.Completed => "已完成",
        RunStatuses.Failed => "失败",
        RunStatuses.Interrupted => "已中断",
        _ => status,
    };
}
