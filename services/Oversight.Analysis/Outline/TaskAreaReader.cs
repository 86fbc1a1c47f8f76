using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>How a report covers one task area of the implementation outline: covered or not, and the sentences that show it.</summary>
public sealed record TaskAreaCoverage(string Id, string Name, bool Covered, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// Which of the nine task areas a report's measures cover, from <see cref="TaskAreaCatalog"/>: a cue said in a measures,
/// first-responsible or highlights section (anywhere in the text when the report has no sections), up to three
/// sentences of evidence per area. Pure.
/// </summary>
public static class TaskAreaReader
{
    private const int EvidencePerArea = 3;

    private static readonly HashSet<string> MeasureKinds = [SectionKinds.Measures, SectionKinds.FirstResponsible, SectionKinds.Highlights];

    public static IReadOnlyList<TaskAreaCoverage> Read(ReportReading reading, TaskAreaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = reading.Text;
        var normalized = text.Text;
        var sections = reading.Outline.Sections;
        var (from, to) = (reading.NormalizedBody.Start, reading.NormalizedBody.Start + reading.NormalizedBody.Length);
        var areas = new List<TaskAreaCoverage>(catalog.Areas.Count);
        foreach (var area in catalog.Areas)
        {
            var evidence = new List<Evidence>();
            foreach (var cue in area.Cues)
            {
                for (var at = normalized.IndexOf(cue, from, Math.Max(0, to - from), StringComparison.Ordinal);
                     at >= 0 && at + cue.Length <= to && evidence.Count < EvidencePerArea;
                     at = normalized.IndexOf(cue, at + cue.Length, Math.Max(0, to - at - cue.Length), StringComparison.Ordinal))
                {
                    var sentence = Sentences.Around(normalized, at);
                    var span = text.ToOriginal(sentence.Start, sentence.Length);
                    var path = OutlineBuilder.PathAt(sections, span.Start);
                    if (!InMeasures(sections, path) || evidence.Any(e => e.Span == span))
                    {
                        continue;
                    }
                    evidence.Add(new Evidence(path, span, span.Of(text.Original)));
                }
            }
            areas.Add(new TaskAreaCoverage(area.Id, area.Name, evidence.Count > 0, [.. evidence.OrderBy(e => e.Span.Start)]));
        }
        return areas;
    }

    // The measures are what the areas are about: a shortfall or a plan that names an area does not cover it.
    private static bool InMeasures(IReadOnlyList<OutlineSection> sections, string path)
    {
        if (sections.Count == 0)
        {
            return true;
        }
        var top = path.Split('/')[0];
        return sections.FirstOrDefault(s => s.Path == top) is { } section && MeasureKinds.Contains(section.Kind);
    }
}
