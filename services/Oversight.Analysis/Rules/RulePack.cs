using Oversight.Vocabulary;

namespace Oversight.Analysis.Rules;

/// <summary>
/// A rule pack: for a scope (code prefix; empty = national) and the report years it covers, which contents are
/// required and how strictly, whether shortfalls must analyse causes, deadlines per kind of body, thresholds.
/// </summary>
public sealed record RulePack(
    string PackId,
    int Version,
    string Name,
    string Description,
    string ScopePrefix,
    int YearFrom,
    int YearTo,
    IReadOnlyList<SectionRule> Sections,
    string ShortfallsWithoutCausesSeverity,
    IReadOnlyList<DeadlineRule> Deadlines,
    Thresholds? Thresholds,
    TaskAreaRule? TaskAreas = null,
    TextReuseRule? TextReuse = null,
    string ReportType = "")
{
    /// <summary>The report type the pack is for; a pack stored before types existed is for the rule-of-law report.</summary>
    public string Type => ReportType.Length == 0 ? ReportTypes.RuleOfLaw : ReportType;

    public bool Covers(string jurisdictionCode, int year, string reportType = ReportTypes.RuleOfLaw) =>
        Type == reportType &&
        CodePrefix.Covers(ScopePrefix, jurisdictionCode) &&
        (YearFrom == 0 || year >= YearFrom) && (YearTo == 0 || year <= YearTo);

    /// <summary>Whether the two packs' year ranges share a year.</summary>
    public bool YearsOverlap(RulePack other) =>
        Type == other.Type &&
        (YearTo == 0 || other.YearFrom == 0 || other.YearFrom <= YearTo) &&
        (other.YearTo == 0 || YearFrom == 0 || YearFrom <= other.YearTo);
}

/// <summary>How one section kind is required: severity when absent, and when only mentioned in passing ("" = fine).</summary>
public sealed record SectionRule(string Kind, string MissingSeverity, string NotDedicatedSeverity);

/// <summary>Year Y's report is due before Month/Day of Y + YearOffset (+08:00), for one kind of body ("" = any).</summary>
public sealed record DeadlineRule(string Deadline, string BodyKind, int YearOffset, int Month, int Day, string Severity)
{
    public const string Disclosure = "disclosure";
    public const string Reporting = "reporting";

    public DateTimeOffset DueBefore(int reportYear) => new(reportYear + YearOffset, Month, Day, 0, 0, 0, ChinaTime.Offset);
}

/// <summary>Task areas of the implementation outline the measures must cover (ids of task-areas.yaml), and how strictly.</summary>
public sealed record TaskAreaRule(IReadOnlyList<string> Required, string MissingSeverity);

/// <summary>
/// Copy detection: a report whose passages are found, for at least MinPassages passages and this share of its text,
/// in another body's report of the same year (OtherBodyShare) or in the same body's report of the year before
/// (LastYearShare) gives TEXT_REUSED_FROM_OTHER_BODY or TEXT_REUSED_FROM_LAST_YEAR with the severity (a share of 0 = not checked).
/// </summary>
public sealed record TextReuseRule(double OtherBodyShare, double LastYearShare, int MinPassages, string Severity)
{
    /// <summary>The share over which a match of the relation is reused text; 0 = not checked.</summary>
    public double ShareFor(string relation) => relation == Reuse.ReuseRelations.LastYear ? LastYearShare : OtherBodyShare;

    /// <summary>Whether the match is over the rule's share and passage count.</summary>
    public bool Flags(Reuse.ReuseMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var threshold = ShareFor(match.Relation);
        return threshold > 0 && match.Share >= threshold && match.Passages >= MinPassages;
    }
}

/// <summary>Fewer figures than MinFigures (0 = no check) gives LOW_QUANTITATIVE_CONTENT with the given severity.</summary>
public sealed record Thresholds(int MinFigures, string LowQuantitativeSeverity);
