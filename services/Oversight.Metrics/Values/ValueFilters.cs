using Google.Protobuf.Reflection;
using Oversight.Access;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Storage;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Metrics.Values;

/// <summary>The filters the value queries share (prefix, year, level, indicators), checked once and narrowed to the caller's scope.</summary>
public sealed class ValueFilters(IndicatorCatalog catalog)
{
    /// <summary>The filter fields of QueryAggregates, as its refusals name them.</summary>
    public static readonly FilterFields AggregateFields = new(
        Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.JurisdictionPrefixFieldNumber),
        Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.ReportYearFieldNumber),
        Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.LevelFieldNumber),
        Fields.Of<QueryAggregatesRequest>(QueryAggregatesRequest.IndicatorsFieldNumber));

    /// <summary>The filter fields of ExportValues, as its refusals name them.</summary>
    public static readonly FilterFields ExportFields = new(
        Fields.Of<ExportValuesRequest>(ExportValuesRequest.JurisdictionPrefixFieldNumber),
        Fields.Of<ExportValuesRequest>(ExportValuesRequest.ReportYearFieldNumber),
        Fields.Of<ExportValuesRequest>(ExportValuesRequest.LevelFieldNumber),
        Fields.Of<ExportValuesRequest>(ExportValuesRequest.IndicatorsFieldNumber));

    /// <summary>The values a query covers, limited to the caller's scope; null when the requested prefix lies outside it.</summary>
    public ValueScope? Scope(FilterFields fields, string prefix, int year, string level, IReadOnlyCollection<string> indicators, Caller caller)
    {
        Guard.Filter(fields.Prefix, ScopeRules.PrefixError, prefix);
        Guard.Filter(fields.Year, ScopeRules.YearError, year);
        Guard.Filter(fields.Level, ScopeRules.LevelError, level);
        CheckIndicators(fields.Indicators, indicators);
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

    /// <summary>The request fields a value query's filters come from (each request numbers its own).</summary>
    public sealed record FilterFields(FieldDescriptor Prefix, FieldDescriptor Year, FieldDescriptor Level, FieldDescriptor Indicators);
}
