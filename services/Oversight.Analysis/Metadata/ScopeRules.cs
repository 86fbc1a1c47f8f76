using Oversight.Vocabulary;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// The checks every query scope gets (jurisdiction prefix, report year, level), one wording for all services.
/// Each returns null when the value is fine, else a Chinese message that says what to fix.
/// </summary>
public static class ScopeRules
{
    public static IReadOnlyList<string> Levels { get; } = [JurisdictionLevels.Province, JurisdictionLevels.City, JurisdictionLevels.County,
        JurisdictionLevels.Township, JurisdictionLevels.Department];

    public static string? PrefixError(string field, string prefix) =>
        !CodePrefix.IsValid(prefix)
            ? $"{field} '{prefix}' 无效:请填写行政区划代码的前缀(最多9位数字),如 1402 表示大同市"
            : null;

    public static string? CodeError(string field, string code) =>
        JurisdictionLevels.IsWellFormedCode(code)
            ? null
            : $"{field} '{code}' 无效:请填写6位(县级及以上)或9位(乡镇)行政区划代码,如 140225";

    public static string? YearError(string field, int year) =>
        !ReportYears.IsValidOrAny(year)
            ? $"{field} {year} 无效:请填写 {ReportYears.Range},或 0 表示不限"
            : null;

    public static string? LevelError(string field, string level) =>
        level.Length > 0 && !Levels.Contains(level)
            ? $"{field} '{level}' 无效:可选 {string.Join("、", Levels)}"
            : null;

    /// <summary>The division one level up: the county of a township, the city of a county, the province of a city.</summary>
    public static string ParentOf(string code) => JurisdictionLevels.FromCode(code) switch
    {
        JurisdictionLevels.Township => code[..6],
        JurisdictionLevels.County => code[..4] + "00",
        JurisdictionLevels.City => code[..2] + "0000",
        _ => "",
    };
}
