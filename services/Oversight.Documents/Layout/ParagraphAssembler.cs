using System.Text;
using System.Text.RegularExpressions;

namespace Oversight.Documents.Layout;

/// <summary>One printed line as found on a page (PDF text layer or OCR): where it starts and ends, its type size, its text.</summary>
internal sealed record LayoutLine(int Page, double Left, double Right, double Size, string Text);

/// <summary>
/// Puts printed lines back into the paragraphs they were wrapped from, so the report reader sees one paragraph or
/// heading per line, as in the text version. A line continues the one before when that one ran to the right margin,
/// and it neither starts indented (Chinese official documents indent each paragraph by two characters) nor starts
/// with a heading number (一、 （二） 3. 第四章). Page numbers (— 3 —, 第 3 页) are dropped.
/// </summary>
internal static partial class ParagraphAssembler
{
    public static string Assemble(IReadOnlyList<LayoutLine> lines)
    {
        var kept = lines.Where(l => l.Text.Trim().Length > 0 && !PageNumber().IsMatch(l.Text)).ToList();
        // The right margin is where most lines end (prose fills lines), not the farthest end: a line with a Latin word or a
        // hanging mark can stick out past it.
        var margins = kept.GroupBy(l => l.Page).ToDictionary(g => g.Key, g => new Margins(g.Min(l => l.Left), Percentile(g.Select(l => l.Right), 0.8), false));
        foreach (var page in margins.Keys)
        {
            // Pages whose paragraphs are indented say where each starts; a heading number then is no sign (a wrapped
            // line may start with "2." by chance). Flush paragraphs leave only the heading numbers to go by.
            var pageLines = kept.Where(l => l.Page == page).ToList();
            margins[page] = margins[page] with { Indents = pageLines.Count(l => IsIndented(l, margins[page])) * 10 >= pageLines.Count };
        }
        var text = new StringBuilder();
        LayoutLine? previous = null;
        foreach (var line in kept)
        {
            if (previous is not null)
            {
                text.Append(Continues(previous, line, margins[previous.Page], margins[line.Page]) ? JoinSpace(text, line.Text) : "\n");
            }
            text.Append(line.Text.Trim());
            previous = line;
        }
        return text.ToString();
    }

    private sealed record Margins(double Left, double Right, bool Indents);

    private static bool IsIndented(LayoutLine line, Margins margins) => line.Left > margins.Left + 0.8 * Math.Max(line.Size, 1);

    private static bool Continues(LayoutLine previous, LayoutLine line, Margins previousMargins, Margins margins)
    {
        var size = Math.Max(previous.Size, 1);
        // A ragged right edge stops up to a character short; before a number or a Latin word that does not fit, more.
        var ranToMargin = previous.Right >= previousMargins.Right - 1.5 * size
            || (previous.Right >= previousMargins.Right - 3 * size && line.Text.TrimStart() is { Length: > 0 } next && IsLatin(next[0]));
        // A title or heading set larger than the text below it ends there.
        var sameType = Math.Abs(previous.Size - line.Size) <= 0.15 * size;
        var startsParagraph = IsIndented(line, margins) || (!margins.Indents && HeadingStart().IsMatch(line.Text.TrimStart()));
        var endsSentence = previous.Text.TrimEnd() is { Length: > 0 } p && p[^1] is '。' or '：' or ':' or '；' && !ranToMargin;
        return ranToMargin && sameType && !startsParagraph && !endsSentence && !previous.Text.Contains('\t');
    }

    // Latin words wrapped across lines keep a space between them; Chinese runs on without one.
    private static string JoinSpace(StringBuilder text, string next) =>
        text.Length > 0 && IsLatin(text[^1]) && next.TrimStart() is { Length: > 0 } n && IsLatin(n[0]) ? " " : "";

    private static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(share * sorted.Count))];
    }

    private static bool IsLatin(char c) => c < 0x2E80 && char.IsLetterOrDigit(c);

    [GeneratedRegex(@"^[\s\-—–－]*(第\s*)?\d{1,4}(\s*页)?([\s/,，]*共\s*\d{1,4}\s*页)?[\s\-—–－]*$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(第[一二三四五六七八九十百]+[章节部分条]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])")]
    private static partial Regex HeadingStart();
}
