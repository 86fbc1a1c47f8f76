using System.Text.RegularExpressions;

namespace Oversight.Analysis.Indicators;

/// <summary>One indicator of the catalog, compiled.</summary>
public sealed record IndicatorDefinition(
    string Id,
    string Name,
    string Unit,
    string Description,
    IReadOnlyList<string> Units,
    string Choose,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Excludes,
    IReadOnlyList<IndicatorCue> Cues)
{
    public const string ChooseLargest = "largest";
    public const string ChooseFirst = "first";

    /// <summary>The wordings as written in the catalog, for people reading ListIndicators.</summary>
    public IEnumerable<string> Patterns => Cues.SelectMany(c => new[] { c.Before?.ToString(), c.After?.ToString() }).OfType<string>();
}

/// <summary>
/// A wording around a figure: a pattern ending the clause before it, one starting the text after it, or both; with
/// <paramref name="Topics"/>, only in a sentence that names one of them before the figure (a bare 办理1.3万件 is a
/// count of services handled only after 政务服务 in its sentence; a one-clause sentence such as 向市级备案5件 also sees the
/// sentence before it).
/// </summary>
public sealed record IndicatorCue(Regex? Before, Regex? After, IReadOnlyList<string> Topics);
