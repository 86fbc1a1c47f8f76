using Oversight.Access;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Metrics.Storage;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Metrics.Values;

/// <summary>The filters the value queries share (prefix, year, level, indicators), checked once and narrowed to the caller's scope.</summary>
public sealed class ValueFilters(IndicatorCatalog catalog)
{
    /// <summary>The values a query covers, limited to the caller's scope; null when the requested prefix lies outside it.</summary>
    public ValueScope? Scope(string prefix, int year, string level, IReadOnlyCollection<string> indicators, Caller caller)
    {
        Guard.Filter("jurisdictionPrefix", ScopeRules.PrefixError("jurisdiction_prefix", prefix));
        CheckYear("reportYear", "report_year", year);
        Guard.Filter("level", ScopeRules.LevelError("level", level));
        CheckIndicators(indicators);
        return caller.Narrow(prefix) is { } limited ? new ValueScope(limited, year, level, [.. indicators.Distinct()]) : null;
    }

    public void CheckIndicators(IEnumerable<string> indicators)
    {
        var unknown = indicators.Where(i => !StoredIndicators.IsKnown(catalog, i)).ToList();
        if (unknown.Count > 0)
        {
            throw Guard.Invalid(Reasons.IndicatorUnknown, "indicators",
                $"未知的指标 {string.Join("、", unknown)}:请用 ListIndicators 查看目录 {catalog.Version} 中的指标 id");
        }
    }

    public static void CheckYear(string field, string name, int year) => Guard.Filter(field, ScopeRules.YearError(name, year));
}
