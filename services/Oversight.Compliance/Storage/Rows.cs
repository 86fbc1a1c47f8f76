using Oversight.Analysis.Rules;

namespace Oversight.Compliance.Storage;

public sealed class PackRow
{
    public string PackId { get; set; } = "";
    public int Version { get; set; }
    public string ScopePrefix { get; set; } = "";
    public string Yaml { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>A checked report revision: what the rules looked at (CheckInput as JSON) and with which packs.</summary>
public sealed class CheckRow
{
    public string ReportId { get; set; } = "";
    public int Revision { get; set; }
    public bool IsCurrent { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string Level { get; set; } = "";
    public int ReportYear { get; set; }
    public string PacksKey { get; set; } = "";
    public string Input { get; set; } = "";
    public DateTimeOffset CheckedAt { get; set; }
    public string ReportType { get; set; } = Analysis.Rules.ReportTypes.RuleOfLaw;
}

public sealed class FindingRow
{
    public long Seq { get; set; }
    public string ReportType { get; set; } = Analysis.Rules.ReportTypes.RuleOfLaw;
    public string FindingId { get; set; } = "";
    public string FindingKey { get; set; } = "";
    public string ReportId { get; set; } = "";
    public int Revision { get; set; }
    public bool IsCurrent { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public int ReportYear { get; set; }
    public string Code { get; set; } = "";
    public string Severity { get; set; } = "";
    public string SectionKind { get; set; } = "";
    public string Message { get; set; } = "";
    public string Evidence { get; set; } = "[]";
    public string RulePackId { get; set; } = "";
    public int RulePackVersion { get; set; }
    public string Status { get; set; } = FindingStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public string SweepId { get; set; } = "";
}

public sealed class ActionRow
{
    public string FindingId { get; set; } = "";
    public int Seq { get; set; }
    public string Action { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class BodyRow
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    public string ParentCode { get; set; } = "";
    public string Kind { get; set; } = "";
    public bool MustReport { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Stored portal columns (PortalColumns' form); null in an import without the column: the stored ones stay.</summary>
    public string? PortalColumns { get; set; }
}

public sealed class SweepRow
{
    public long Seq { get; set; }
    public string SweepId { get; set; } = "";
    public int ReportYear { get; set; }
    public string AsOf { get; set; } = "";
    public string ScopePrefix { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Summary { get; set; }
    public string ScheduleSlot { get; set; } = "";
    public DateTimeOffset? HeartbeatAt { get; set; }
    public string ReportType { get; set; } = Analysis.Rules.ReportTypes.RuleOfLaw;
}

/// <summary>Filters of ListFindings, as validated.</summary>
public sealed record FindingFilter(string JurisdictionPrefix, int ReportYear, string Code, string Severity, string Status, string ReportId,
    bool IncludeSuperseded, string ReportType = "");
