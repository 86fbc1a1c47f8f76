using Oversight.Analysis.Outline;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Reuse;

/// <summary>
/// The passages of a report body: its sentences, headings left out (every report has the same ones), each
/// normalised with the body's own names and keyed. Sentences too short to tell copying from common phrasing
/// (under <see cref="MinWeight"/> significant characters) are left out too. Pure.
/// </summary>
public static class PassageReader
{
    public const int MinWeight = 12;

    private const int ExcerptLength = 80;

    private const int HeadingLineWeight = 40;

    private const int KeyBuffer = 512;

    public static IReadOnlyList<Passage> Read(ReportReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var text = reading.Text;
        var normalized = text.Text;
        var metadata = reading.Metadata;
        var names = ReuseNormalizer.OwnNames(
            metadata.JurisdictionSignals.SelectMany(s => (string[])[s.Name, s.Organization])
                .Concat(metadata.IssuingBodies).Append(metadata.JurisdictionName).Append(metadata.Issuer));
        var headings = new List<TextSpan>();
        Headings(reading.Outline.Sections, headings);
        var passages = new List<Passage>();
        var (from, to) = (reading.NormalizedBody.Start, Math.Min(normalized.Length, reading.NormalizedBody.End));
        // One buffer for every sentence's key: only its length and its hashes are kept.
        var key = new char[KeyBuffer];
        var start = from;
        for (var i = from; i <= to; i++)
        {
            if (i < to && !Sentences.IsEnd(normalized[i]))
            {
                continue;
            }
            var sentence = new TextSpan(start, i - start + (i < to ? 1 : 0));
            start = i + 1;
            if (sentence.Length < MinWeight)
            {
                continue;
            }
            if (key.Length < sentence.Length)
            {
                key = new char[sentence.Length];
            }
            var keyLength = ReuseNormalizer.Normalize(normalized.AsSpan(sentence.Start, sentence.Length), names, key);
            if (keyLength < MinWeight)
            {
                continue;
            }
            var span = text.ToOriginal(sentence.Start, sentence.Length);
            if (InHeading(headings, span.Start) || IsHeadingLine(normalized, sentence, keyLength))
            {
                continue;
            }
            var (key1, key2) = PassageKeys.Of(key.AsSpan(0, keyLength));
            var excerpt = span.In(text.Original).Trim();
            passages.Add(new Passage(passages.Count, OutlineBuilder.PathAt(reading.Outline.Sections, span.Start), span,
                excerpt.Length > ExcerptLength ? string.Concat(excerpt[..ExcerptLength], "…") : excerpt.ToString(), keyLength, key1, key2));
        }
        return passages;
    }

    // A short line that no sentence mark ends is a heading the outline did not number, a title or a signature.
    private static bool IsHeadingLine(string text, TextSpan sentence, int keyLength) =>
        keyLength < HeadingLineWeight && sentence.End <= text.Length && text[sentence.End - 1] is not ('。' or '!' or '?' or ';');

    private static bool InHeading(List<TextSpan> headings, int offset)
    {
        foreach (var heading in headings)
        {
            if (heading.Contains(offset))
            {
                return true;
            }
        }
        return false;
    }

    private static void Headings(IReadOnlyList<OutlineSection> sections, List<TextSpan> into)
    {
        foreach (var section in sections)
        {
            // An inline heading (一是加强…) opens a sentence of content, which stays.
            if (!section.Inline && section.HeadingSpan.Length > 0)
            {
                into.Add(section.HeadingSpan);
            }
            Headings(section.Children, into);
        }
    }
}
