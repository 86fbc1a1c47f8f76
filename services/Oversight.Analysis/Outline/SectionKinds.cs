namespace Oversight.Analysis.Outline;

/// <summary>Section kind ids of the stable vocabulary.</summary>
public static class SectionKinds
{
    public const string Measures = "measures";
    public const string Shortfalls = "shortfalls";
    public const string FirstResponsible = "first_responsible";
    public const string NextYearPlan = "next_year_plan";
    public const string OtherMatters = "other_matters";
    public const string Suggestions = "suggestions";
    public const string Highlights = "highlights";
    public const string Unclassified = "unclassified";

    /// <summary>The five statutory contents, in the order the regulation lists them.</summary>
    public static readonly IReadOnlyList<string> Statutory = [Measures, Shortfalls, FirstResponsible, NextYearPlan, OtherMatters];
}
