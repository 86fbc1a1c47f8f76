using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Storage;

namespace Oversight.Metrics.Values;

/// <summary>A stored value as the contract's message, with the sentence it came from.</summary>
public static class ValueMessages
{
    public static MetricValue Of(ValueRow row) => new()
    {
        Indicator = row.Indicator, Value = row.Value, ValueUpper = row.ValueUpper ?? 0, Unit = row.Unit, Qualifier = row.Qualifier,
        RawText = row.RawText, UsedInAggregate = row.UsedInAggregate, ReportId = row.ReportId, Revision = row.Revision,
        JurisdictionCode = row.JurisdictionCode, ReportYear = row.ReportYear, Level = row.Level,
        Evidence = new Evidence
        {
            SectionPath = row.SectionPath, Span = new TextSpan { Start = row.SpanStart, Length = row.SpanLength }, Excerpt = row.Excerpt,
        },
    };
}
