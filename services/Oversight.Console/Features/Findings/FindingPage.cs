using System.Text;
using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Session;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Findings;

/// <summary>One finding: what it says, its evidence, its history of waivers and reopenings, and the form to change it.</summary>
public static class FindingPage
{
    public static string Render(HttpContext context, ConsoleUser user, Finding f, string done)
    {
        var html = new StringBuilder();
        if (done is "waived" or "reopened")
        {
            html.Append("<div class=\"notice\" role=\"status\"><p>").Append(done == "waived" ? "已豁免该问题,操作已记入审计日志。"
                : "已重新打开该问题,操作已记入审计日志。").Append("</p></div>");
        }
        html.Append("<dl class=\"meta\">");
        Item(html, "问题", E(Labels.Code(f.Code)));
        Item(html, "级别", $"<span class=\"sev-{E(f.Severity)}\">{E(Labels.Severity(f.Severity))}</span>");
        Item(html, "状态", E(Labels.Status(f.Status)));
        Item(html, "辖区", E($"{(f.JurisdictionName.Length > 0 ? f.JurisdictionName : ScopeQuery.NameOf(f.JurisdictionCode))}({f.JurisdictionCode})"));
        Item(html, "年度", f.ReportYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item(html, "说明", E(f.Message));
        Item(html, "依据规则包", E($"{f.RulePackId} 第 {f.RulePackVersion} 版"));
        Item(html, "报告", f.ReportId.Length > 0 ? $"<a href=\"/reports/{E(Uri.EscapeDataString(f.ReportId))}#finding-{E(f.FindingId)}\">查看报告原文与证据</a>"
            : "—(单位未公开报告)");
        if (f.Code is RuleVocabulary.TextReusedFromOtherBody or RuleVocabulary.TextReusedFromLastYear)
        {
            Item(html, "雷同文本", $"<a href=\"/reuse/{E(Uri.EscapeDataString(f.FindingId))}\">并排对照</a>");
        }
        html.Append("</dl>");
        if (f.Evidence.Count > 0)
        {
            html.Append("<h2>证据</h2><ol class=\"evidence\">");
            foreach (var e in f.Evidence)
            {
                html.Append("<li><mark>").Append(E(e.Excerpt)).Append("</mark>")
                    .Append(e.SectionPath.Length > 0 ? $" <span class=\"where\">({E(e.SectionPath)})</span>" : "")
                    .Append(e.ReportId.Length > 0 && e.ReportId != f.ReportId ? $" <span class=\"where\">另一份报告 {E(e.ReportId)}</span>" : "").Append("</li>");
            }
            html.Append("</ol>");
        }
        html.Append("<h2>处理记录</h2>");
        if (f.History.Count == 0)
        {
            html.Append("<p class=\"empty\">尚无豁免或重新打开的记录。</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">操作</th><th scope=\"col\">理由</th><th scope=\"col\">操作人</th></tr></the" +
                "ad><tbody>");
            foreach (var h in f.History)
            {
                html.Append("<tr><td>").Append(Time(h.At)).Append("</td><td>").Append(h.Action == "waive" ? "豁免"
                    : "重新打开").Append("</td><td>").Append(E(h.Reason))
                    .Append("</td><td>").Append(E(h.Actor)).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        var waive = f.Status == FindingStatus.Open;
        var action = waive ? "waive" : "reopen";
        var verb = waive ? "豁免" : "重新打开";
        if (!user.IsAdmin)
        {
            return html.Append("<p class=\"hint\">豁免与重新打开须由省级管理员操作;本密钥(").Append(E(Labels.Role(user.Role))).Append(")只能查看。</p>").ToString();
        }
        return html.Append("<h2>").Append(verb).Append("</h2><form method=\"post\" class=\"change\" action=\"/findings/")
            .Append(E(Uri.EscapeDataString(f.FindingId)))
            .Append('/').Append(action).Append("\">").Append(Forms.Antiforgery(context))
            .Append("<label for=\"reason\">理由(必填,记入审计日志)</label><textarea id=\"reason\" name=\"reason\" rows=\"3\" required maxlength=\"2000\"></textarea>")
            .Append("<button type=\"submit\">").Append(verb).Append("</button></form>").ToString();
    }

    private static void Item(StringBuilder html, string label, string value) =>
        html.Append("<div><dt>").Append(E(label)).Append("</dt><dd>").Append(value).Append("</dd></div>");
}
