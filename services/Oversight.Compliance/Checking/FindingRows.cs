using System.Text.Json;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Checking;

/// <summary>Rule findings as stored rows; the key says which finding a re-check produces again.</summary>
public static class FindingRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FindingRow From(RuleFinding finding, string reportId, int revision, string jurisdictionCode, int year, string now, string sweepId,
        string reportType = ReportTypes.RuleOfLaw)
    {
        var evidence = finding.Evidence.Select(e => new StoredEvidence(e.SectionPath, e.Span.Start, e.Span.Length, e.Excerpt, "")
        {
            ReportId = e.ReportId.Length > 0 ? e.ReportId : null,
            Revision = e.Revision,
        });
        return new()
        {
            FindingId = NewId(),
            ReportType = reportType,
            // A body's finding is per type; the rule-of-law report's keys stay as they were stored before types existed.
            FindingKey = reportId.Length == 0
                ? $"{finding.Code}|{jurisdictionCode}|{year}" + (reportType == ReportTypes.RuleOfLaw ? "" : "|" + reportType)
                : $"{finding.Code}|{finding.SectionKind}|{finding.Field}" + (finding.Subject.Length > 0 ? "|" + finding.Subject : ""),
            ReportId = reportId,
            Revision = revision,
            IsCurrent = true,
            JurisdictionCode = jurisdictionCode,
            ReportYear = year,
            Code = finding.Code,
            Severity = finding.Severity,
            SectionKind = finding.SectionKind,
            Message = finding.Message,
            Evidence = JsonSerializer.Serialize(evidence.Concat(finding.Field.Length > 0 ? [new StoredEvidence("", 0, 0, "", finding.Field)] : []), Json),
            RulePackId = finding.PackId,
            RulePackVersion = finding.PackVersion,
            Status = FindingStatus.Open,
            CreatedAt = now,
            SweepId = sweepId,
        };
    }

    public static IReadOnlyList<StoredEvidence> Evidence(FindingRow row) => JsonSerializer.Deserialize<List<StoredEvidence>>(row.Evidence, Json) ?? [];

    public static string NewId() => "f_" + Guid.NewGuid().ToString("N")[..20];
}

/// <summary>Evidence as stored; ReportId (and Revision) only on the other report's side of reused text.</summary>
public sealed record StoredEvidence(string SectionPath, int Start, int Length, string Excerpt, string Field)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ReportId { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int Revision { get; init; }
}
