using System.Buffers;
using System.Text.RegularExpressions;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Outline;

/// <summary>
/// Builds the heading tree of the report body from line-leading numbering, ranked 一、 &gt; (一) &gt; 1. &gt; (1).
/// A number that does not continue its level's sequence is body text, not a heading (so a list restarting
/// inside a paragraph cannot split a section). A heading line may carry body text after its first 。.
/// Inline enumerations ("一是…。二是…") that open a paragraph become inline children; headings run together on one
/// line after spaces are found too.
/// </summary>
public static partial class OutlineParser
{
    private const int MaxHeadingLength = 60;
    private const int InlineHeadingLength = 30;

    public static IReadOnlyList<RawSection> Parse(string text, IReadOnlyList<Line> lines, int bodyStartLine, int bodyEndLine)
    {
        var roots = new List<RawSection>();
        var stack = new List<RawSection>();
        var lastRootNumber = 0;
        var bodyEnd = bodyEndLine < lines.Count ? lines[bodyEndLine].Start : text.Length;

        for (var i = bodyStartLine; i < Math.Min(bodyEndLine, lines.Count); i++)
        {
            var line = lines[i];
            foreach (var (offset, length) in Segments(line.Content))
            {
                var content = offset == 0 && length == line.Content.Length ? line.Content : line.Content.Substring(offset, length);
                var start = line.Start + offset;
                if (!TryHeading(content, out var rank, out var number, out var numberLength))
                {
                    AddInlineItems(stack.Count > 0 ? stack[^1] : null, start, content, 0);
                    continue;
                }
                while (stack.Count > 0 && stack[^1].Rank >= rank)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                var parent = stack.Count > 0 ? stack[^1] : null;
                var expected = parent is null ? lastRootNumber : parent.LastChildNumber;
                if (number <= expected || number > expected + 2 || (expected == 0 && number > 2))
                {
                    // Out of sequence: numbering inside the text, not a heading.
                    AddInlineItems(stack.Count > 0 ? stack[^1] : null, start, content, 0);
                    continue;
                }
                if (parent is null)
                {
                    lastRootNumber = number;
                }
                else
                {
                    parent.LastChildNumber = number;
                }

                var (headingLength, bodyOffset) = SplitHeading(content, numberLength);
                var section = new RawSection(rank, content[..numberLength], start, numberLength, headingLength, false);
                (parent?.Children ?? roots).Add(section);
                stack.Add(section);
                if (bodyOffset < content.Length)
                {
                    AddInlineItems(section, start, content, bodyOffset);
                }
            }
        }
        Close(roots, bodyEnd);
        return roots;
    }

    // Pages that lose their line breaks run "一、…举措和成效 (一)深入学习…" on one line, or put "二、存在的不足" inside
    // a paragraph after a space: a 一、 or (一) marker after a space starts a segment that may be a heading. Whether it
    // is one is still decided by the numbering sequence, as for a marker opening a line. "二、三级网格" lists numerals.
    private static List<(int Offset, int Length)> Segments(string content)
    {
        var segments = new List<(int, int)>(1);
        var from = 0;
        if (content.Contains(' ', StringComparison.Ordinal))
        {
            foreach (Match marker in SpacedHeadingMarker().Matches(content))
            {
                if (marker.Index > from)
                {
                    segments.Add((from, content.AsSpan(from, marker.Index - from).TrimEnd(' ').Length));
                    from = marker.Index;
                }
            }
        }
        segments.Add((from, content.Length - from));
        return segments;
    }

    /// <summary>Sets each section's end: the start of the next sibling, else its parent's end.</summary>
    private static void Close(List<RawSection> sections, int end)
    {
        for (var i = 0; i < sections.Count; i++)
        {
            if (!sections[i].Inline)
            {
                sections[i].End = i + 1 < sections.Count ? sections[i + 1].Start : end;
            }
            Close(sections[i].Children, sections[i].End);
        }
    }

    private static bool TryHeading(string content, out int rank, out int number, out int numberLength)
    {
        (rank, number, numberLength) = (0, 0, 0);
        // Every numbering starts with 第, a numeral, a bracket or a digit (\d: any decimal digit): the paragraphs in between
        // are not tried.
        if (content.Length < 2 || !(NumberingStarts.Contains(content[0]) || char.IsDigit(content[0])))
        {
            return false;
        }
        // A statistics table's row ("四、结转下年度继续办理 2 0 0 0 0 0 2") is numbered like a heading but is a row.
        if (TableRow().IsMatch(content))
        {
            return false;
        }
        Match match;
        if ((match = Rank1().Match(content)).Success)
        {
            rank = 1;
            number = ChineseOrdinal.Parse(match.Groups[1].ValueSpan);
        }
        else if ((match = Rank2().Match(content)).Success)
        {
            rank = 2;
            number = ChineseOrdinal.Parse(match.Groups[1].ValueSpan);
        }
        else if ((match = Rank3().Match(content)).Success)
        {
            rank = 3;
            number = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if ((match = Rank4().Match(content)).Success)
        {
            rank = 4;
            number = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }
        numberLength = match.Length;
        // A number with nothing after it is not a heading.
        return number > 0 && content.Length > numberLength;
    }

    // "(一)深入学习贯彻习近平法治思想。汾西县将…": the heading ends at the first full stop when body text follows.
    // "二、存在的不足和原因 执法队伍…不足,原因是…。": on a page that lost its line breaks, a space before a sentence ends the heading.
    private static (int HeadingLength, int BodyOffset) SplitHeading(string content, int numberLength)
    {
        var stop = content.IndexOfAny(['。', '!', '?'], numberLength);
        var from = numberLength;
        while (from < content.Length && content[from] == ' ')
        {
            from++;
        }
        var space = content.IndexOf(' ', Math.Min(from + 2, content.Length));
        if (space > 0 && space - numberLength <= MaxHeadingLength && (stop < 0 || space < stop)
            && (stop >= 0 || content.IndexOfAny([',', ';'], space) >= 0))
        {
            return (space - numberLength, space + 1);
        }
        if (stop >= 0)
        {
            return (Math.Min(stop, numberLength + MaxHeadingLength) - numberLength, stop + 1);
        }
        var length = content.Length - numberLength;
        return length <= MaxHeadingLength ? (length, content.Length) : (SentenceBreak(content, numberLength) - numberLength, content.Length);
    }

    private static int SentenceBreak(string content, int from)
    {
        var comma = content.IndexOfAny([';', ':'], from);
        return comma > 0 && comma - from <= MaxHeadingLength ? comma : from + MaxHeadingLength;
    }

    // "一是强化理论学习全覆盖。…二是压实第一责任人职责。…": an enumeration that opens a paragraph (and may run on
    // over the following paragraphs) gives inline items of the enclosing section. Mid-sentence "一是" is text.
    private static void AddInlineItems(RawSection? owner, int lineStart, string content, int offset)
    {
        // Only an item that opens the text counts: one that does not start with a numeral is not looked for further on.
        if (owner is null || offset >= content.Length || !Numerals.Contains(content[offset]))
        {
            return;
        }
        var first = InlineItem().Match(content, offset);
        if (!first.Success || first.Index != offset)
        {
            return;
        }
        var firstNumber = ChineseOrdinal.Parse(first.Groups[1].ValueSpan);
        if (firstNumber != 1 && firstNumber != owner.LastInlineNumber + 1)
        {
            return;
        }
        var starts = new List<int>();
        var expected = firstNumber;
        for (var match = first; match.Success; match = match.NextMatch())
        {
            var at = match.Index;
            var opensSentence = at == offset || content[at - 1] is '。' or ';' or ':' or '!' or '?';
            if (opensSentence && ChineseOrdinal.Parse(match.Groups[1].ValueSpan) == expected)
            {
                starts.Add(at);
                expected++;
            }
        }
        for (var k = 0; k < starts.Count; k++)
        {
            var start = starts[k];
            var end = k + 1 < starts.Count ? starts[k + 1] : content.Length;
            var markerLength = content.IndexOf('是', start) - start + 1;
            var stop = content.IndexOfAny(['。', ';', '!', '?'], start + markerLength, end - start - markerLength);
            var headingEnd = stop >= 0 ? stop : Math.Min(end, start + markerLength + MaxHeadingLength);
            var comma = content.IndexOf(',', start + markerLength, headingEnd - start - markerLength);
            if (headingEnd - start - markerLength > InlineHeadingLength && comma > 0)
            {
                // "一是压实主体责任,研究制定…": the item's name is its first clause.
                headingEnd = comma;
            }
            var headingLength = headingEnd - start - markerLength;
            owner.Children.Add(new RawSection(owner.Rank + 1, content.Substring(start, markerLength), lineStart + start, markerLength,
                Math.Max(0, headingLength), true)
            {
                End = lineStart + end,
            });
        }
        owner.LastInlineNumber = expected - 1;
    }

    private static readonly SearchValues<char> Numerals = SearchValues.Create("一二三四五六七八九十");

    private static readonly SearchValues<char> NumberingStarts = SearchValues.Create("第一二三四五六七八九十(");

    // 一、 or 第一部分 (some reports number their parts so).
    [GeneratedRegex(@"^(?:第(?=[一二三四五六七八九十]{1,3}部分))?([一二三四五六七八九十]{1,3})(?:、|部分 ?)")]
    private static partial Regex Rank1();

    [GeneratedRegex(@"([ |]+\d+(\.\d+)?){2,}[ |]*$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^\(([一二三四五六七八九十]{1,3})\)")]
    private static partial Regex Rank2();

    // "1." but not "1.5万"; "1.2020年推进…" is heading 1 followed by a year.
    [GeneratedRegex(@"^(\d{1,2})[.、](?:(?!\d)|(?=(?:19|20)\d{2} ?年))")]
    private static partial Regex Rank3();

    [GeneratedRegex(@"^\((\d{1,2})\)")]
    private static partial Regex Rank4();

    [GeneratedRegex(@"(?<= )(?:[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十])|\([一二三四五六七八九十]{1,3}\))")]
    private static partial Regex SpacedHeadingMarker();

    [GeneratedRegex(@"([一二三四五六七八九十]{1,2})是")]
    private static partial Regex InlineItem();
}

/// <summary>A section as parsed, in normalized offsets, before classification.</summary>
public sealed class RawSection(int rank, string number, int start, int numberLength, int headingLength, bool inline)
{
    public int Rank { get; } = rank;

    /// <summary>The numbering as normalized ("一、", "(二)", "1.", "一是").</summary>
    public string Number { get; } = number;

    public int Start { get; } = start;

    public int NumberLength { get; } = numberLength;

    public int HeadingLength { get; } = headingLength;

    public bool Inline { get; } = inline;

    public int End { get; set; }

    public List<RawSection> Children { get; } = [];

    /// <summary>The last inline item number seen, so "二是" opening the next paragraph continues "一是".</summary>
    public int LastInlineNumber { get; set; }

    /// <summary>The number of the last heading taken as this section's child, which the next child must follow.</summary>
    internal int LastChildNumber { get; set; }

    public int HeadingStart => Start + NumberLength;

}
