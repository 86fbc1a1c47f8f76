using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>
/// A section of the report. Spans are in the original text. Kind is set on top-level sections;
/// KindSource says how: "heading" (its wording), "position" (an unlabelled section among the measures), "content" (the
/// words of its text) or "none"; KindConfidence (0 to 1) and KindReason say how sure that is and why.
/// </summary>
public sealed record OutlineSection(
    string Path,
    string Number,
    string Heading,
    int Depth,
    TextSpan HeadingSpan,
    TextSpan Span,
    IReadOnlyList<OutlineSection> Children,
    bool Inline,
    string Kind,
    string KindSource,
    IReadOnlyList<string> EmbeddedKinds)
{
    public double KindConfidence { get; init; }

    public string KindReason { get; init; } = "";
}
