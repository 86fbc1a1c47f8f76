namespace Oversight.Analysis.Outline;

/// <summary>Names what a heading is about, from the section kind data.</summary>
public sealed class SectionClassifier(SectionKindCatalog catalog)
{
    public static SectionClassifier Default { get; } = new(SectionKindCatalog.Default);

    public SectionKindCatalog Catalog => catalog;

    /// <summary>The first kind (in data order) whose heading phrase occurs in the heading, or null.</summary>
    public string? Classify(string heading) => Match(heading)?.Kind;

    /// <summary>The first kind (in data order) whose heading phrase occurs in the heading, with that phrase; or null.</summary>
    public (string Kind, string Phrase)? Match(string heading)
    {
        foreach (var kind in catalog.Kinds)
        {
            foreach (var phrase in kind.Headings)
            {
                if (heading.Contains(phrase, StringComparison.Ordinal))
                {
                    return (kind.Kind, phrase);
                }
            }
        }
        return null;
    }

    /// <summary>Kinds that may stand as a sub-section inside another kind's section (e.g. highlights in measures).</summary>
    public string? ClassifyEmbedded(string heading)
    {
        var kind = Classify(heading);
        return kind is not null && catalog.Kinds.First(k => k.Kind == kind).Embeddable ? kind : null;
    }
}
