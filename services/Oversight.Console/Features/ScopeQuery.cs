using System.Globalization;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.WebConsole.Session;

namespace Oversight.WebConsole.Features;

/// <summary>
/// The scope, year and report type a page is asked for in its address. A scope this key does not cover is refused by
/// the page itself (the services would narrow a list to the key's scope without a word, which would look like data of
/// the place typed in).
/// </summary>
public sealed record ScopeQuery(string Scope, int Year, string Type)
{
    public const string RuleOfLaw = ReportTypes.RuleOfLaw;

    /// <summary>The query's values, or the reason they cannot be used (a Chinese message saying what to fix).</summary>
    public static (ScopeQuery? Query, string? Error, bool OutOfScope) Read(HttpContext context, ConsoleUser user)
    {
        var q = context.Request.Query;
        var scope = q["scope"].ToString().Trim();
        if (scope.Length == 0)
        {
            scope = user.Scope;
        }
        if (ScopeRules.PrefixError("scope", scope) is { } error)
        {
            return (null, error, false);
        }
        if (!user.Covers(scope))
        {
            return (null, null, true);
        }
        var yearText = q["year"].ToString();
        var year = DefaultYear(context);
        if (yearText.Length > 0 && (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out year) || !ReportYears.IsValid(year)))
        {
            return (null, $"year '{yearText}' 无效:请填写 {ReportYears.First} 至 {ReportYears.Last} 之间的报告年度", false);
        }
        var type = q["type"].ToString();
        if (type.Length > 0 && type is not (RuleOfLaw or ReportTypes.InformationDisclosure))
        {
            return (null, $"type '{type}' 无效:可选 rule_of_law、information_disclosure", false);
        }
        return (new ScopeQuery(scope, year, type.Length == 0 ? RuleOfLaw : type), null, false);
    }

    /// <summary>Last year (China time): the reports published this spring.</summary>
    public static int DefaultYear(HttpContext context) =>
        context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year - 1;

    /// <summary>The code length of the scope's children: provinces, cities, counties, townships; a township's bodies are its own.</summary>
    public int ChildLength => Scope.Length switch
    {
        0 => 2,
        2 => 4,
        4 => 6,
        6 => 9,
        _ => Scope.Length,
    };

    /// <summary>The child of this scope a body belongs to (a department "140225-sfj" to the division it is part of).</summary>
    public string ChildOf(string code)
    {
        var division = code.Split('-')[0];
        return division.Length >= ChildLength ? division[..ChildLength] : division;
    }

    /// <summary>A division's name from the shipped registry; a province or city prefix ("14", "1402") by its six-digit code.</summary>
    public static string NameOf(string code) =>
        code.Length == 0 ? "全国" : ShippedDivisions.Registry.Find(code.Length < 6 ? code.PadRight(6, '0') : code)?.Name ?? code;
}
