using System.Text;
using Oversight.Analysis.Rules;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Reuse;

/// <summary>
/// Copied text: the pairs copy detection found (its findings, 50 a page), and one pair side by side, each shared passage
/// of this report beside the passage of the other report it matches, both marked. Compliance withholds the other
/// side's passages from a key whose scope does not cover that report; the page says so.
/// </summary>
public static class ReuseEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/reuse", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
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
            var lastYear = context.Request.Query["kind"] == "last_year";
            var page = await clients.Compliance.ListFindingsAsync(new ListFindingsRequest
            {
                JurisdictionPrefix = query.Scope, ReportYear = query.Year, ReportType = query.Type,
                PageSize = 50, PageToken = context.Request.Query["page"].ToString(),
                Code = lastYear ? RuleVocabulary.TextReusedFromLastYear : RuleVocabulary.TextReusedFromOtherBody,
            }, cancellationToken: context.RequestAborted);
            var year = query.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var html = new StringBuilder();
            html.Append("<form method=\"get\" action=\"/reuse\" class=\"filters\">").Append(Forms.Input("scope", "辖区代码", query.Scope, "[0-9]{0,9}"))
                .Append(Forms.Input("year", "年度", year, "[0-9]{4}"))
                .Append(Forms.Select("kind", "类别", lastYear ? "last_year" : "", [("last_year", "与上年报告雷同")], "与其他单位报告雷同"))
                .Append("<button type=\"submit\">查看</button></form>");
            if (page.Findings.Count == 0)
            {
                return Layout.Page(context, "文本雷同", html.Append("<p class=\"empty\">没有发现雷同的报告。</p>").ToString());
            }
            html.Append("<table><thead><tr><th scope=\"col\">辖区</th><th scope=\"col\">说明</th><th scope=\"col\">对照</th></tr></thead><tbody>");
            foreach (var f in page.Findings)
            {
                html.Append("<tr><td>").Append(E(f.JurisdictionName)).Append(" <span class=\"code\">").Append(E(f.JurisdictionCode))
                    .Append("</span></td><td>").Append(E(f.Message))
                    .Append("</td><td><a href=\"/reuse/").Append(E(Uri.EscapeDataString(f.FindingId))).Append("\">并排对照</a></td></tr>");
            }
            html.Append("</tbody></table>");
            if (page.NextPageToken.Length > 0)
            {
                html.Append("<nav class=\"pager\" aria-label=\"翻页\"><a rel=\"next\" href=\"").Append(Url("/reuse", ("scope", query.Scope), ("year", year),
                    ("kind", lastYear ? "last_year" : ""), ("page", page.NextPageToken))).Append("\">下一页</a></nav>");
            }
            return Layout.Page(context, "文本雷同", html.ToString());
        }));
        app.MapGet("/reuse/{id}", (HttpContext context, ConsoleClients clients, string id) => Refusals.Guard(context, async user =>
        {
            var f = await clients.Compliance.GetFindingAsync(new GetFindingRequest { FindingId = id }, cancellationToken: context.RequestAborted);
            return Layout.Page(context, "雷同文本并排对照", Render(f));
        }));
    }

    private static string Render(Finding f)
    {
        var other = f.Evidence.FirstOrDefault(e => e.ReportId.Length > 0 && e.ReportId != f.ReportId)?.ReportId ?? "";
        var html = new StringBuilder();
        html.Append("<p>").Append(E(f.Message)).Append("</p>");
        var pairs = f.Evidence.Chunk(2).Where(p => p.Length == 2).ToList();
        if (pairs.Count == 0)
        {
            return html.Append("<p class=\"empty\">另一份报告不在本密钥的范围内,其段落不予显示;本报告的雷同段落见 <a href=\"/findings/")
                .Append(E(Uri.EscapeDataString(f.FindingId))).Append("\">问题详情</a>。</p>").ToString();
        }
        html.Append("<table class=\"side\"><thead><tr><th scope=\"col\"><a href=\"/reports/").Append(E(Uri.EscapeDataString(f.ReportId))).Append("\">本报告 ")
            .Append(E(f.ReportId)).Append("</a></th><th scope=\"col\">").Append(other.Length > 0
                ? $"<a href=\"/reports/{E(Uri.EscapeDataString(other))}\">另一报告 {E(other)}</a>" : "另一报告")
            .Append("</th></tr></thead><tbody>");
        foreach (var pair in pairs)
        {
            html.Append("<tr><td><mark>").Append(E(pair[0].Excerpt)).Append("</mark><span class=\"where\">").Append(E(pair[0].SectionPath))
                .Append("</span></td><td><mark>")
                .Append(E(pair[1].Excerpt)).Append("</mark><span class=\"where\">").Append(E(pair[1].SectionPath)).Append("</span></td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }
}
