using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Services;
using Oversight.WebConsole.Session;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Clients;
using static Oversight.WebConsole.Html.HtmlText;

namespace Oversight.WebConsole.Features.SignIn;

/// <summary>
/// Sign-in with an API key: the key is asked about at compliance (GetCaller, with that very key), and only a key the
/// services accept is kept, in the server-side session. Sign-out forgets it.
/// </summary>
public static class SignInEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/signin", (HttpContext context, string? returnUrl, string? expired) => Form(context, returnUrl ?? "", expired is null ? ""
            : "登录已失效,请重新输入密钥。"));
        app.MapPost("/signin", SignInAsync);
        app.MapPost("/signout", (Func<HttpContext, Task<IResult>>)SignOutAsync);
    }

    private static IResult Form(HttpContext context, string returnUrl, string message, int status = StatusCodes.Status200OK)
    {
        var alert = message.Length > 0 ? $"<div class=\"refusal\" role=\"alert\"><p>{E(message)}</p></div>" : "";
        return Layout.Page(context, "登录", $"""
            {alert}
            <form method="post" action="/signin" class="signin">
            {Forms.Antiforgery(context)}
            <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
            <label for="key">API 密钥</label>
            <input id="key" name="key" type="password" autocomplete="off" required autofocus spellcheck="false" placeholder="ovk_…">
            <p class="hint">密钥由省级管理员签发。登录后密钥只保存在服务器端的会话中,页面和浏览器均不保存。</p>
            <button type="submit">登录</button>
            </form>
            """, status);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IOptions<ConsoleOptions> options, ClientTransport transport, ConsoleSessions sessions,
        ILoggerFactory logs)
    {
        if (await Forms.ReadCheckedAsync(context) is not { } form)
        {
            return Form(context, "", "页面已过期,请重新提交。", StatusCodes.Status400BadRequest);
        }
        var key = form["key"].ToString().Trim();
        var returnUrl = LocalOnly(form["returnUrl"].ToString());
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        var log = logs.CreateLogger("Oversight.WebConsole");
        if (key.Length == 0)
        {
            return Form(context, returnUrl, "请输入 API 密钥。", StatusCodes.Status400BadRequest);
        }
        ApiKey caller;
        try
        {
            var access = ConsoleClients.AccessWith(options.Value.Compliance, key, transport, out var channel);
            using (channel)
            {
                caller = await access.GetCallerAsync(new GetCallerRequest(), cancellationToken: context.RequestAborted);
            }
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.ResourceExhausted)
        {
            ConsoleLog.SignInRefused(log, address, ex.StatusCode.ToString());
            var message = ex.StatusCode == StatusCode.ResourceExhausted ? ex.Status.Detail : "密钥无效、已吊销或已过期:请核对后重新输入,或向省级管理员申请新密钥。";
            return Form(context, returnUrl, message, StatusCodes.Status401Unauthorized);
        }
        catch (RpcException ex)
        {
            return Form(context, returnUrl, "无法连接监测服务:" + ex.Status.Detail, StatusCodes.Status502BadGateway);
        }
        // A new session id at every sign-in: the id the browser came with (perhaps planted in it) is forgotten.
        var entry = new SessionEntry(key, caller.KeyId, caller.Name, caller.Role, caller.Scope);
        await sessions.StartAsync(context, entry);
        var user = entry.User;
        ConsoleLog.SignedIn(log, user.KeyId, user.Role, user.Scope, address);
        return Results.Redirect(returnUrl.Length > 0 ? returnUrl : user.ReadsFindings ? "/overview" : user.ReadsAudit ? "/audit" : "/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        if (await Forms.ReadCheckedAsync(context) is null)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", "页面已过期,请刷新后再退出。");
        }
        await context.RequestServices.GetRequiredService<ConsoleSessions>().EndAsync(context);
        return Results.Redirect("/signin");
    }

    // Only a path on this console: never an address elsewhere ("//evil.example", "https://…", "/\evil").
    private static string LocalOnly(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "";
}
