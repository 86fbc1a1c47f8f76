using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>
/// Where a statement was found: the section path ("一/(二)") and the sentence, in the original text; of another report
/// when ReportId is set (the other side of reused text).
/// </summary>
public sealed record Evidence(string SectionPath, TextSpan Span, string Excerpt)
{
    public string ReportId { get; init; } = "";

    public int Revision { get; init; }
}

/// <summary>
/// How the report covers one content: "dedicated", "in_passing", "absent", or "uncertain" (a section that may be it,
/// read only from its text with low confidence).
/// </summary>
public sealed record KindCoverage(string Kind, string Status, IReadOnlyList<Evidence> Evidence)
{
    public const string Dedicated = "dedicated";
    public const string InPassing = "in_passing";
    public const string Absent = "absent";
    public const string Uncertain = "uncertain";
}

public sealed record ReportOutline(
    IReadOnlyList<OutlineSection> Sections,
    IReadOnlyList<KindCoverage> Coverage,
    bool ShortfallsCausesAnalysed,
    Evidence? ShortfallsCausesEvidence)
{
    public IEnumerable<string> TopLevelKinds => Sections.Select(s => s.Kind);

    public KindCoverage CoverageOf(string kind) => Coverage.First(c => c.Kind == kind);
}
