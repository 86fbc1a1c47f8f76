using Google.Protobuf.Reflection;
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
    public ValueScope? Scope(MessageDescriptor request, string prefix, int year, string level, IReadOnlyCollection<string> indicators, Caller caller)
    {
        Guard.Filter(Fields.Named(request, "jurisdiction_prefix"), ScopeRules.PrefixError, prefix);
        Guard.Filter(Fields.Named(request, "report_year"), ScopeRules.YearError, year);
        Guard.Filter(Fields.Named(request, "level"), ScopeRules.LevelError, level);
        CheckIndicators(Fields.Named(request, "indicators"), indicators);
        return caller.Narrow(prefix) is { } limited ? new ValueScope(limited, year, level, [.. indicators.Distinct()]) : null;
    }

    public void CheckIndicators(FieldDescriptor field, IEnumerable<string> indicators)
    {
        var unknown = indicators.Where(i => !StoredIndicators.IsKnown(catalog, i)).ToList();
        if (unknown.Count > 0)
        {
            throw Guard.Invalid(Reasons.IndicatorUnknown, field,
                $"未知的指标 {string.Join("、", unknown)}:请用 ListIndicators 查看目录 {catalog.Version} 中的指标 id");
        }
    }
}
