using System.Text;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.Contracts.Compliance.V1;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.Registry;

/// <summary>The registry of bodies expected to report (44,327 across the country), 100 a page as compliance pages it.</summary>
public static class RegistryEndpoints
{
    public static void Map(WebApplication app) => app.MapGet("/registry", (HttpContext context, ConsoleClients clients) => Refusals.Guard(context, async user =>
    {
        var scope = context.Request.Query["scope"].ToString();
        if (scope.Length == 0)
        {
            scope = user.Scope;
        }
        if (!user.Covers(scope))
        {
            return Refusals.OutOfScope(context, user, scope);
        }
        var page = await clients.Compliance.ListRegistryAsync(new ListRegistryRequest
        {
            CodePrefix = scope, MustReportOnly = context.Request.Query["all"] != "1", PageSize = 100, PageToken = context.Request.Query["page"].ToString(),
        }, cancellationToken: context.RequestAborted);
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"/registry\" class=\"filters\">").Append(Forms.Input("scope", "辖区代码", scope, "[0-9]{0,9}"))
            .Append("<button type=\"submit\">查看</button></form>");
        html.Append("<table><thead><tr><th scope=\"col\">代码</th><th scope=\"col\">名称</th><th scope=\"col\">层级</th><th scope=\"col\">类别</th><th scope=\"co" +
            "l\">须报送</th></tr></thead><tbody>");
        foreach (var b in page.Bodies)
        {
            html.Append("<tr><td>").Append(E(b.Code)).Append("</td><td>").Append(E(b.Name)).Append("</td><td>").Append(E(b.Level)).Append("</td><td>")
                .Append(E(b.Kind))
                .Append("</td><td>").Append(b.MustReport ? "是" : "否").Append("</td></tr>");
        }
        html.Append("</tbody></table><nav class=\"pager\" aria-label=\"翻页\"><a href=\"").Append(Url("/registry", ("scope", scope))).Append("\">第一页</a>");
        if (page.NextPageToken.Length > 0)
        {
            html.Append(" <a rel=\"next\" href=\"").Append(Url("/registry", ("scope", scope), ("page", page.NextPageToken))).Append("\">下一页</a>");
        }
        return Layout.Page(context, $"{ScopeQuery.NameOf(scope)} 单位名录", html.Append("</nav>").ToString());
    }));
}
