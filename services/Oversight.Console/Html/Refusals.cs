using Grpc.Core;
using Oversight.WebConsole.Session;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.WebConsole.Html;

/// <summary>
/// A page that calls the services: a refusal becomes a page that says it plainly, in the service's own Chinese words,
/// with the HTTP status that fits (a key the services no longer accept ends the session and asks for a sign-in).
/// </summary>
public static class Refusals
{
    public static async Task<IResult> Guard(HttpContext context, Func<ConsoleUser, Task<IResult>> page)
    {
        if (ConsoleUser.Of(context) is not { } user)
        {
            return Results.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }
        try
        {
            return await page(user);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
        {
            await context.RequestServices.GetRequiredService<ConsoleSessions>().EndAsync(context);
            return Results.Redirect("/signin?expired=1");
        }
        catch (RpcException ex)
        {
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Oversight.WebConsole");
            ConsoleLog.Refused(log, context.Request.Path, user.KeyId, ex.StatusCode.ToString(), ServiceError.ReasonOf(ex) ?? "");
            var (status, title) = ex.StatusCode switch
            {
                StatusCode.PermissionDenied => (StatusCodes.Status403Forbidden, "无权访问"),
                StatusCode.NotFound => (StatusCodes.Status404NotFound, "未找到"),
                StatusCode.InvalidArgument or StatusCode.FailedPrecondition => (StatusCodes.Status400BadRequest, "请求有误"),
                StatusCode.ResourceExhausted => (StatusCodes.Status429TooManyRequests, "请求过于频繁"),
                _ => (StatusCodes.Status502BadGateway, "服务暂不可用"),
            };
            return Layout.Problem(context, status, title, ex.Status.Detail.Length > 0 ? ex.Status.Detail : "服务未能完成请求,请稍后再试。");
        }
    }

    /// <summary>A scope typed into the address that this key does not cover: refused here too, before any service is asked.</summary>
    public static IResult OutOfScope(HttpContext context, ConsoleUser user, string requested) =>
        Layout.Problem(context, StatusCodes.Status403Forbidden, "无权访问",
            $"您的密钥范围为 {(user.Scope.Length == 0 ? "全国" : user.Scope)},无权查看 {requested} 的数据。请改为查看本范围内的辖区。(SCOPE_NOT_COVERED)");
}
