using Oversight.Analysis.Outline;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Revisions;

/// <summary>
/// The sentences (headings included: a line is a sentence) one reading of a report has and another lacks, compared as
/// written after normalising, each counted as often as it occurs. Pure; what it keeps is bounded by
/// <see cref="MaxShown"/> sentences a side of <see cref="ExcerptLength"/> characters.
/// </summary>
public static class RevisionDiff
{
    public const int MaxShown = 5;

    public const int ExcerptLength = 80;

    /// <summary>
    /// What <paramref name="later"/> added to and removed from <paramref name="earlier"/> (revision
    /// <paramref name="earlierRevision"/> of report <paramref name="reportId"/>), in text order.
    /// </summary>
    public static RevisionChange Between(string reportId, int earlierRevision, ReportReading earlier, DateTimeOffset earlierSeenAt, ReportReading later,
        DateTimeOffset laterSeenAt)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var before = Read(earlier);
        var after = Read(later);
        var (added, addedCount) = Unmatched(after, before, later, e => e);
        var (removed, removedCount) = Unmatched(before, after, earlier, e => e with { ReportId = reportId, Revision = earlierRevision });
        return new RevisionChange(earlierRevision, earlierSeenAt, laterSeenAt, addedCount, removedCount, added, removed);
    }

    // The sentences of `of` that `against` does not hold as often: the first MaxShown as evidence, and how many in all.
    private static (IReadOnlyList<Evidence> Shown, int Count) Unmatched(List<(string Text, TextSpan Span)> of, List<(string Text, TextSpan Span)> against,
        ReportReading reading, Func<Evidence, Evidence> mark)
    {
        var available = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (text, _) in against)
        {
            available[text] = available.GetValueOrDefault(text) + 1;
        }
        var shown = new List<Evidence>(MaxShown);
        var count = 0;
        foreach (var (text, span) in of)
        {
            if (available.GetValueOrDefault(text) is > 0 and var left)
            {
                available[text] = left - 1;
                continue;
            }
            count++;
            if (shown.Count < MaxShown)
            {
                var original = reading.Text.ToOriginal(span.Start, span.Length);
                var excerpt = original.In(reading.Text.Original).Trim().ToString();
                shown.Add(mark(new Evidence(OutlineBuilder.PathAt(reading.Outline.Sections, original.Start), original,
                    excerpt.Length > ExcerptLength ? string.Concat(excerpt.AsSpan(0, ExcerptLength), "…") : excerpt)));
            }
        }
        return (shown, count);
    }

    // The body's sentences, spaces trimmed; a sentence with no letter or digit (a lone mark, a rule) is left out.
    private static List<(string Text, TextSpan Span)> Read(ReportReading reading)
    {
        var text = reading.Text.Text;
        var (from, to) = (Math.Min(text.Length, reading.NormalizedBody.Start), Math.Min(text.Length, reading.NormalizedBody.End));
        var sentences = new List<(string, TextSpan)>();
        var start = from;
        for (var i = from; i <= to; i++)
        {
            if (i < to && !Sentences.IsEnd(text[i]))
            {
                continue;
            }
            var (s, e) = (start, i < to ? i + 1 : i);
            start = i + 1;
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }
            while (e > s && char.IsWhiteSpace(text[e - 1]))
            {
                e--;
            }
            if (e > s && text.AsSpan(s, e - s).ContainsAnyExcept(Marks))
            {
                sentences.Add((text[s..e], new TextSpan(s, e - s)));
            }
        }
        return sentences;
    }

    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create(" \t。!?;,、:()《》“”\"'-—_*#·.…");
}
