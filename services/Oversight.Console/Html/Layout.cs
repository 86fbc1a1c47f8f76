using System.Text;
using Oversight.WebConsole.Session;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Html;

/// <summary>
/// The frame of every page: a skip link, the navigation the signed-in key's role may use, the page's content. No script
/// and no asset from elsewhere: the style sheet is served by the console itself.
/// </summary>
public static class Layout
{
    public static IResult Page(HttpContext context, string title, string body, int status = StatusCodes.Status200OK, bool refresh = false)
    {
        var user = ConsoleUser.Of(context);
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"5\">");
        }
        html.Append("<title>").Append(E(title)).Append(" · 法治政府建设年度报告监测</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/console.css\"></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">跳到正文</a>")
            .Append("<header class=\"top\"><span class=\"brand\">法治政府建设年度报告监测</span>");
        if (user is not null)
        {
            html.Append("<nav aria-label=\"主菜单\"><ul>");
            foreach (var (href, label) in Menu(user))
            {
                var current = context.Request.Path.StartsWithSegments(href) ? " aria-current=\"page\"" : "";
                html.Append("<li><a href=\"").Append(href).Append('"').Append(current).Append('>').Append(label).Append("</a></li>");
            }
            html.Append("</ul></nav><div class=\"who\"><span>").Append(E(user.Name)).Append(" · ").Append(E(Labels.Role(user.Role)))
                .Append(" · 范围 ").Append(E(user.Scope.Length == 0 ? "全国" : user.Scope)).Append("</span>")
                .Append("<form method=\"post\" action=\"/signout\">").Append(Forms.Antiforgery(context))
                .Append("<button type=\"submit\">退出</button></form></div>");
        }
        html.Append("</header><main id=\"main\" tabindex=\"-1\"><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A service's refusal or a problem with the request, said plainly on a page of its own.</summary>
    public static IResult Problem(HttpContext context, int status, string title, string message) =>
        Page(context, title, $"<div class=\"refusal\" role=\"alert\"><p>{E(message)}</p></div><p><a href=\"/\">返回总览</a></p>", status);

    private static IEnumerable<(string Href, string Label)> Menu(ConsoleUser user)
    {
        if (user.ReadsFindings)
        {
            yield return ("/overview", "总览");
            yield return ("/findings", "问题清单");
            yield return ("/notice", "未公开与逾期");
            yield return ("/reports", "报告");
            yield return ("/figures", "指标");
            yield return ("/reuse", "文本雷同");
        }
        if (user.ReadsSweeps)
        {
            yield return ("/sweeps", "巡检");
            yield return ("/registry", "名录");
        }
        if (user.ReadsAudit)
        {
            yield return ("/audit", "审计日志");
        }
    }
}
