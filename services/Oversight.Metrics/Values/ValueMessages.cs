using Oversight.Analysis.Indicators;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Text;
using Oversight.Contracts.Metrics.V1;
using Oversight.Mapping;
using Oversight.Metrics.Storage;

namespace Oversight.Metrics.Values;

/// <summary>
/// A stored value as the contract's message, with the sentence it came from: the row is read back as the extracted
/// value it stored, and mapped the one way every value is (<see cref="ResultMessages"/>), plus the report it is of.
/// </summary>
public static class ValueMessages
{
    public static MetricValue Of(ValueRow row)
    {
        var evidence = new Evidence(row.SectionPath, new TextSpan(row.SpanStart, row.SpanLength), row.Excerpt);
        var value = new ExtractedValue(row.Indicator, row.Value, row.ValueUpper, row.Unit, row.Qualifier, row.RawText, evidence, row.UsedInAggregate);
        var message = ResultMessages.ToMessage(value, row.JurisdictionCode, row.ReportYear, row.Level);
        message.ReportId = row.ReportId;
        message.Revision = row.Revision;
        return message;
    }
}
