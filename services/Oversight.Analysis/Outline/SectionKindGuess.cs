using System.Runtime.CompilerServices;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>
/// A top-level section's kind with how it was told, how sure that is (0 to 1) and why, in words for the office.
/// From the heading's wording: sure. From its position among the measures: likely. From its text: medium when one
/// kind's words clearly dominate, else a weak lead that the rules treat as uncertain.
/// </summary>
public sealed record SectionKindGuess(string Kind, string Source, double Confidence, string Reason)
{
    /// <summary>The confidence from which a section counts as the content's own section.</summary>
    public const double Dedicated = 0.6;

    public bool Certain => Confidence >= Dedicated;

    public static SectionKindGuess None { get; } = new(SectionKinds.Unclassified, "none", 0, "标题和正文都不能说明这一部分的内容");

    public static SectionKindGuess? FromHeading(SectionClassifier classifier, string heading) =>
        classifier.Match(heading) is { } match ? new(match.Kind, "heading", 1.0, $"标题含「{match.Phrase}」") : null;

    public static SectionKindGuess ByPosition { get; } =
        new(SectionKinds.Measures, "position", 0.8, "标题未点明内容,位于存在的不足和下一年度安排之前,按举措和成效的分述部分处理");

    /// <summary>The kind whose content words the section's text (from <paramref name="from"/> to <paramref name="to"/>) uses most.</summary>
    public static SectionKindGuess? FromContent(SectionKindCatalog catalog, string text, int from, int to)
    {
        // All kinds' words counted in one pass over the section (as many IndexOf passes as words before).
        var words = ContentWordsOf.GetValue(catalog, c => new PhraseIndex(c.Kinds.Where(k => k.Content.Count > 0).SelectMany(k => k.Content)));
        Span<int> found = words.Count <= 128 ? stackalloc int[words.Count] : new int[words.Count];
        found.Clear();
        words.Occurrences(text.AsSpan(from, Math.Max(0, to - from)), found);
        var counts = new List<(string Kind, int Count, string Word)>();
        var w = 0;
        foreach (var kind in catalog.Kinds.Where(k => k.Content.Count > 0))
        {
            var count = 0;
            var top = "";
            var topCount = 0;
            foreach (var word in kind.Content)
            {
                var n = found[w++];
                count += n;
                if (n > topCount)
                {
                    (top, topCount) = (word, n);
                }
            }
            counts.Add((kind.Kind, count, top));
        }
        var ranked = counts.OrderByDescending(c => c.Count).ToList();
        if (ranked.Count == 0 || ranked[0].Count == 0)
        {
            return null;
        }
        var best = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Count : 0;
        if (best.Count == second)
        {
            return null;
        }
        return best.Count >= 3 && best.Count >= 2 * second
            ? new(best.Kind, "content", 0.7, $"标题未点明内容,正文多次出现「{best.Word}」等用语({best.Count}处)")
            : new(best.Kind, "content", 0.4, $"标题未点明内容,正文有「{best.Word}」等用语({best.Count}处),但不足以确定");
    }

    // The content words of each catalog in data order, indexed once (catalogs are loaded data).
    private static readonly ConditionalWeakTable<SectionKindCatalog, PhraseIndex> ContentWordsOf = new();
}
