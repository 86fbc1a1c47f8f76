using Oversight.Analysis.Indicators;
using Oversight.Analysis.Rules;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Metrics.V1;
using Common = Oversight.Contracts.Common.V1;

namespace Oversight.Mapping;

/// <summary>Extracted values and rule findings as the contract's messages (without the ids and times a service adds when it stores them).</summary>
public static class ResultMessages
{
    public static MetricValue ToMessage(ExtractedValue value, string jurisdictionCode, int reportYear, string level) => new()
    {
        Indicator = value.Indicator,
        Value = value.Value,
        ValueUpper = value.Upper ?? 0,
        Unit = value.Unit,
        Qualifier = value.Qualifier,
        RawText = value.RawText,
        UsedInAggregate = value.UsedInAggregate,
        JurisdictionCode = jurisdictionCode,
        ReportYear = reportYear,
        Level = level,
        Evidence = ReportMessages.ToEvidence(value.Evidence),
    };

    public static Finding ToMessage(RuleFinding finding, string jurisdictionCode, string jurisdictionName, int reportYear, string reportType)
    {
        var message = new Finding
        {
            ReportType = reportType,
            JurisdictionCode = jurisdictionCode,
            JurisdictionName = jurisdictionName,
            ReportYear = reportYear,
            Code = finding.Code,
            Severity = finding.Severity,
            SectionKind = finding.SectionKind,
            Message = finding.Message,
            RulePackId = finding.PackId,
            RulePackVersion = finding.PackVersion,
            Status = FindingStatus.Open,
        };
        message.Evidence.AddRange(finding.Evidence.Select(ReportMessages.ToEvidence));
        if (finding.Field.Length > 0)
        {
            message.Evidence.Add(new Common.Evidence { Field = finding.Field });
        }
        return message;
    }
}
