using System.Globalization;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.WebConsole.Html;
using Oversight.WebConsole.Session;

namespace Oversight.WebConsole.Features.Sweeps;

/// <summary>
/// Starting a sweep from the console: a form on the sweeps page, posted with its antiforgery token. Compliance decides
/// who may (RunSweep's roles), checks the scope and records the run in the audit log under the signed-in key; the
/// console follows the run (<see cref="SweepRuns"/>) and shows the sweep's page with its progress.
/// </summary>
public static class SweepStartEndpoints
{
    public static void Map(WebApplication app) => app.MapPost("/sweeps", (HttpContext context, SweepRuns runs) => Refusals.Guard(context, async user =>
    {
        if (await Forms.ReadCheckedAsync(context) is not { } form)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", "页面已过期或来源不明:请回到巡检页重新提交。");
        }
        var scope = form["scope"].ToString().Trim();
        scope = scope.Length == 0 ? user.Scope : scope;
        if (ScopeRules.PrefixError("scope", scope) is { } error)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误", error);
        }
        if (!user.Covers(scope))
        {
            return Refusals.OutOfScope(context, user, scope);
        }
        if (Read(form) is not { } request)
        {
            return Layout.Problem(context, StatusCodes.Status400BadRequest, "请求有误",
                $"year 或 asof 无效:年度请填写 {ReportYears.First} 至 {ReportYears.Last} 之间的报告年度,判定日请填写日期(如 2026-04-02)或留空表示今天。");
        }
        request.ScopePrefix = scope;
        var id = await runs.StartAsync(ConsoleUser.KeyOf(context)!, request, context.RequestAborted);
        return Results.Redirect(id is null ? "/sweeps?started=1" : "/sweeps/" + Uri.EscapeDataString(id));
    }));

    /// <summary>The form on the sweeps page; the year and scope start as the last year and the key's own scope.</summary>
    public static string Form(HttpContext context, ConsoleUser user) =>
        "<form method=\"post\" action=\"/sweeps\" class=\"filters start\"><fieldset><legend>发起巡检</legend>" + Forms.Antiforgery(context)
        + Forms.Input("scope", "辖区代码", user.Scope, "[0-9]{0,9}", "行政区划代码前缀,留空为本密钥的范围")
        + Forms.Input("year", "年度", ScopeQuery.DefaultYear(context).ToString(CultureInfo.InvariantCulture), "[0-9]{4}")
        + Forms.Select("type", "报告类型", ScopeQuery.RuleOfLaw, Labels.ReportTypes.Where(t => t.Value != ScopeQuery.RuleOfLaw), "法治政府建设年度报告")
        + Forms.Input("asof", "判定日", "", "[0-9]{4}-[0-9]{2}-[0-9]{2}", "按此日期判断是否逾期,如 2026-04-02;留空为今天")
        + "<button type=\"submit\">开始巡检</button></fieldset>"
        + "<p class=\"hint\">巡检重新检查范围内该年度的全部报告,并标记已过公开期限仍无报告的单位;发起人记入审计日志。</p></form>";

    private static RunSweepRequest? Read(IFormCollection form)
    {
        if (!int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !ReportYears.IsValid(year))
        {
            return null;
        }
        var request = new RunSweepRequest { ReportYear = year, ReportType = form["type"].ToString(), Trigger = "console" };
        var asOf = form["asof"].ToString().Trim();
        if (asOf.Length > 0)
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return null;
            }
            request.AsOf = new Date { Year = date.Year, Month = date.Month, Day = date.Day };
        }
        return request;
    }
}
