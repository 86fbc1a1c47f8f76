using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>Names what a heading is about, from the section kind data.</summary>
public sealed class SectionClassifier(SectionKindCatalog catalog)
{
    // Every heading phrase of every kind in data order, with its kind: built on first use (the catalog is loaded data).
    private HeadingPhrases? _headings;

    public static SectionClassifier Default { get; } = new(SectionKindCatalog.Default);

    public SectionKindCatalog Catalog => catalog;

    /// <summary>The first kind (in data order) whose heading phrase occurs in the heading, or null.</summary>
    public string? Classify(string heading) => Match(heading)?.Kind;

    /// <summary>The first kind (in data order) whose heading phrase occurs in the heading, with that phrase; or null.</summary>
    public (string Kind, string Phrase)? Match(string heading)
    {
        var headings = _headings ??= new HeadingPhrases(catalog);
        var i = headings.Index.First(heading);
        return i < 0 ? null : (headings.Kinds[i], headings.Phrases[i]);
    }

    /// <summary>Kinds that may stand as a sub-section inside another kind's section (e.g. highlights in measures).</summary>
    public string? ClassifyEmbedded(string heading)
    {
        var kind = Classify(heading);
        return kind is not null && catalog.Kinds.First(k => k.Kind == kind).Embeddable ? kind : null;
    }

    private sealed class HeadingPhrases
    {
        public HeadingPhrases(SectionKindCatalog catalog)
        {
            var pairs = catalog.Kinds.SelectMany(k => k.Headings.Select(p => (k.Kind, Phrase: p))).ToArray();
            Kinds = [.. pairs.Select(p => p.Kind)];
            Phrases = [.. pairs.Select(p => p.Phrase)];
            Index = new PhraseIndex(Phrases);
        }

        public string[] Kinds { get; }

        public string[] Phrases { get; }

        public PhraseIndex Index { get; }
    }
}
