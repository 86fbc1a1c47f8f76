namespace Oversight.Analysis.Reuse;

/// <summary>
/// How much of one report's text also appears in another: the relation (<see cref="ReuseRelations"/>), the other report,
/// the share of this report's passage weight found there, how many passages, and up to ten of them, both sides.
/// </summary>
public sealed record ReuseMatch(
    string Relation,
    string OtherReportId,
    int OtherRevision,
    string OtherJurisdictionCode,
    string OtherLevel,
    int OtherYear,
    double Share,
    int Passages,
    IReadOnlyList<ReusedPassage> Evidence)
{
    /// <summary>The other body's name, when whoever stored the match knows it (compliance fills it from its registry).</summary>
    public string OtherName { get; init; } = "";
}

/// <summary>A passage of this report and the passage of the other report it matches, spans in each one's original text.</summary>
public sealed record ReusedPassage(
    string SectionPath,
    int Start,
    int Length,
    string Excerpt,
    string OtherSectionPath,
    int OtherStart,
    int OtherLength,
    string OtherExcerpt);

public static class ReuseRelations
{
    /// <summary>Another body's report of the same year.</summary>
    public const string OtherBody = "other_body";

    /// <summary>The same body's report of the year before.</summary>
    public const string LastYear = "last_year";
}
