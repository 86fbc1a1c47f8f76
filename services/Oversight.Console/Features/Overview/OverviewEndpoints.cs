using System.Text;
using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Overview;

/// <summary>The overview of a scope and year: the figures a notice and a ranking are made from, each a link to its list.</summary>
public static class OverviewEndpoints
{
    public static void Map(WebApplication app) => app.MapGet("/overview", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
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
        var data = await OverviewData.LoadAsync(clients, user, query, context.RequestAborted);
        return Layout.Page(context, $"{ScopeQuery.NameOf(query.Scope)} {query.Year} 年度总览", Render(data));
    }));

    private static string Render(OverviewData data)
    {
        var q = data.Query;
        (string, string?)[] Scope(string scope) => [("scope", scope), ("year", q.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("type",
            q.Type)];
        string Findings(string scope, params (string, string?)[] more) => Url("/findings", [.. Scope(scope), .. more]);
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"/overview\" class=\"filters\">")
            .Append(Forms.Input("scope", "辖区代码", q.Scope, "[0-9]{0,9}", "行政区划代码前缀,如 1402"))
            .Append(Forms.Input("year", "年度", q.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "[0-9]{4}"))
            .Append(Forms.Select("type", "报告类型", q.Type, Labels.ReportTypes, "法治政府建设年度报告"))
            .Append("<button type=\"submit\">查看</button></form>");
        html.Append("<section aria-labelledby=\"reports-h\"><h2 id=\"reports-h\">报告报送与公开</h2><dl class=\"cards\">");
        Card(html, "expected", "应报送单位", data.Expected is { } expected ? NumberLink(expected, Url("/registry", ("scope", q.Scope)))
            : "<span title=\"本密钥无权查看名录\">—</span>");
        Card(html, "received", "已收到报告", NumberLink(data.Received, Url("/reports", Scope(q.Scope))));
        Card(html, "on-time", "按时公开", NumberLink(data.OnTime, Url("/reports", Scope(q.Scope))));
        Card(html, "late", "逾期公开", NumberLink(data.Late, Findings(q.Scope, ("code", RuleVocabulary.DisclosureLate), ("status", FindingStatus.Open))));
        Card(html, "date-unknown", "公开日期不明",
            NumberLink(data.DateUnknown, Findings(q.Scope, ("code", RuleVocabulary.DisclosureDateUnknown), ("status", FindingStatus.Open))));
        Card(html, "not-disclosed", "未公开", NumberLink(data.NotDisclosed, Url("/notice", Scope(q.Scope))));
        html.Append("</dl><p class=\"hint\">“未公开”为巡检判定已过公开期限仍无报告的单位;“应报送单位”来自名录。</p></section>");

        html.Append("<section aria-labelledby=\"sev-h\"><h2 id=\"sev-h\">待处理问题</h2><dl class=\"cards\">");
        foreach (var (severity, label) in Labels.Severities)
        {
            Card(html, "sev-" + severity, label, NumberLink(data.BySeverity.GetValueOrDefault(severity), Findings(q.Scope, ("severity", severity), ("status",
                FindingStatus.Open))),
                "sev-" + severity);
        }
        html.Append("</dl><table><caption>按问题类型</caption><thead><tr><th scope=\"col\">问题</th><th scope=\"col\">级别</th><th scope=\"col\" class=\"n\">数量</th" +
            "></tr></thead><tbody>");
        foreach (var c in data.ByCode.OrderByDescending(c => c.Count))
        {
            html.Append("<tr><td>").Append(E(Labels.Code(c.Code))).Append("</td><td>").Append(E(Labels.Severity(c.Severity))).Append("</td><td class=\"n\">")
                .Append(NumberLink(c.Count, Findings(q.Scope, ("code", c.Code), ("severity", c.Severity), ("status", FindingStatus.Open))))
                .Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");

        html.Append("<section aria-labelledby=\"child-h\"><h2 id=\"child-h\">下级辖区</h2>");
        html.Append(BarChart.Render("各下级辖区已收到报告数", [.. data.Children.Select(c => new Bar(c.Name, c.Received, Url("/reports", Scope(c.Code))))]));
        html.Append(BarChart.Render("各下级辖区未公开单位数", [.. data.Children.Where(c => c.NotDisclosed > 0)
            .Select(c => new Bar(c.Name, c.NotDisclosed, Url("/notice", Scope(c.Code)), "bar bad"))]));
        html.Append("<table class=\"heat\"><caption>各下级辖区(点击数字查看清单)</caption><thead><tr><th scope=\"col\">辖区</th><th scope=\"col\">代码</th>")
            .Append("<th scope=\"col\" class=\"n\">应报送</th><th scope=\"col\" class=\"n\">已收到</th><th scope=\"col\" class=\"n\">未公开</th>")
            .Append("<th scope=\"col\" class=\"n\">错误</th><th scope=\"col\" class=\"n\">警告</th><th scope=\"col\" class=\"n\">提示</th></tr></thead><tbody>");
        var maxErrors = Math.Max(1, data.Children.Select(c => c.Errors).DefaultIfEmpty().Max());
        foreach (var c in data.Children)
        {
            var heat = (int)Math.Ceiling(4.0 * c.Errors / maxErrors);
            html.Append("<tr><th scope=\"row\"><a href=\"").Append(Url("/overview",
                Scope(c.Code))).Append("\">").Append(E(c.Name)).Append("</a></th><td>").Append(E(c.Code)).Append("</td>")
                .Append("<td class=\"n\">").Append(c.Expected is { } e ? NumberLink(e, Url("/registry", ("scope", c.Code))) : "—").Append("</td>")
                .Append("<td class=\"n\">").Append(NumberLink(c.Received, Url("/reports", Scope(c.Code)))).Append("</td>")
                .Append("<td class=\"n\">").Append(NumberLink(c.NotDisclosed, Url("/notice", Scope(c.Code)))).Append("</td>")
                .Append("<td class=\"n heat-").Append(heat).Append("\">")
                .Append(NumberLink(c.Errors, Findings(c.Code, ("severity", RuleVocabulary.Error), ("status", FindingStatus.Open)))).Append("</td>")
                .Append("<td class=\"n\">")
                .Append(NumberLink(c.Warnings, Findings(c.Code, ("severity", RuleVocabulary.Warning), ("status", FindingStatus.Open)))).Append("</td>")
                .Append("<td class=\"n\">")
                .Append(NumberLink(c.Infos, Findings(c.Code, ("severity", RuleVocabulary.Info), ("status", FindingStatus.Open)))).Append("</td></tr>");
        }
        return html.Append("</tbody></table></section>").ToString();
    }

    private static void Card(StringBuilder html, string id, string label, string value, string css = "") =>
        html.Append("<div class=\"card ").Append(css).Append("\" id=\"card-").Append(id).Append("\"><dt>").Append(E(label)).Append("</dt><dd>").Append(value)
            .Append("</dd></div>");
}
