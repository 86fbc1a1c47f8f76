using System.Text;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Access.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Audit;

/// <summary>The audit log inside the key's scope, newest first, 50 a page: who waived or reopened what, and why.</summary>
public static class AuditEndpoints
{
    private static readonly (string, string)[] Actions =
    [
        ("finding.waive", "豁免问题"), ("finding.reopen", "重新打开问题"), ("sweep.run", "巡检"), ("key.create", "签发密钥"), ("key.revoke", "吊销密钥"),
        ("rulepack.upsert", "更新规则包"), ("registry.import", "导入名录"),
    ];

    public static void Map(WebApplication app) => app.MapGet("/audit", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
    {
        var action = context.Request.Query["action"].ToString();
        var request = new ListAuditRequest { Action = action, PageSize = 50, PageToken = context.Request.Query["page"].ToString() };
        var page = await clients.Access.ListAuditAsync(request, cancellationToken: context.RequestAborted);
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"/audit\" class=\"filters\">").Append(Forms.Select("action", "操作", action,
            Actions)).Append("<button type=\"submit\">筛选</button></form>");
        html.Append("<table><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">操作人</th><th scope=\"col\">操作</th><th scope=\"col\">对象</th><th scope=\"co" +
            "l\">辖区</th>")
            .Append("<th scope=\"col\">说明</th><th scope=\"col\">结果</th></tr></thead><tbody>");
        foreach (var a in page.Entries)
        {
            html.Append("<tr><td>").Append(Time(a.At)).Append("</td><td>").Append(E(a.Caller)).Append("</td><td>").Append(E(Actions.FirstOrDefault(x
                => x.Item1 == a.Action).Item2 ?? a.Action))
                .Append("</td><td>").Append(a.Action.StartsWith("finding.", StringComparison.Ordinal)
                    ? $"<a href=\"/findings/{E(Uri.EscapeDataString(a.Target))}\">{E(a.Target)}</a>" : E(a.Target))
                .Append("</td><td>").Append(E(a.Jurisdiction)).Append("</td><td>").Append(E(a.Detail)).Append("</td><td>").Append(E(a.Outcome))
                    .Append("</td></tr>");
        }
        html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"").Append(Url("/audit", ("action", action))).Append("\">第一页</a>");
        if (page.NextPageToken.Length > 0)
        {
            html.Append(" <a rel=\"next\" href=\"").Append(Url("/audit", ("action", action), ("page", page.NextPageToken))).Append("\">下一页</a>");
        }
        return Layout.Page(context, "审计日志", html.Append("</nav>").ToString());
    }));
}
