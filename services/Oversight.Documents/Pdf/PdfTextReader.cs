using System.Text;
using Oversight.Documents.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Oversight.Documents.Pdf;

/// <summary>A PDF's text layer: its printed lines page by page, or how many pages it has when it has none (a scan).</summary>
internal sealed record PdfLayer(int Pages, IReadOnlyList<LayoutLine> Lines, int Characters);

/// <summary>
/// Reads a PDF's text layer with PdfPig, in process: page by page, checking the deadline between pages and refusing
/// more pages than the limit before reading any. Letters are grouped into lines by baseline and ordered left to
/// right, which holds for the horizontal text of reports whatever order the generator wrote them in.
/// </summary>
internal static class PdfTextReader
{
    public static PdfLayer Read(byte[] content, int maxPages, CancellationToken cancellationToken)
    {
        using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var pages = document.NumberOfPages;
        if (pages > maxPages)
        {
            return new PdfLayer(pages, [], 0);
        }
        var lines = new List<LayoutLine>();
        var characters = 0;
        for (var number = 1; number <= pages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = document.GetPage(number);
            foreach (var line in LinesOf(page, number))
            {
                characters += line.Text.Count(c => !char.IsWhiteSpace(c));
                lines.Add(line);
            }
        }
        return new PdfLayer(pages, lines, characters);
    }

    private static IEnumerable<LayoutLine> LinesOf(Page page, int number)
    {
        var letters = page.Letters.Where(l => l.Value.Length > 0).OrderByDescending(l => l.StartBaseLine.Y).ToList();
        var line = new List<Letter>();
        double baseline = 0, size = 0;
        foreach (var letter in letters)
        {
            var letterSize = SizeOf(letter);
            if (line.Count > 0 && Math.Abs(letter.StartBaseLine.Y - baseline) > 0.5 * Math.Max(size, letterSize))
            {
                yield return ToLine(line, number);
                line.Clear();
            }
            if (line.Count == 0)
            {
                baseline = letter.StartBaseLine.Y;
                size = letterSize;
            }
            line.Add(letter);
        }
        if (line.Count > 0)
        {
            yield return ToLine(line, number);
        }
    }

    private static LayoutLine ToLine(List<Letter> letters, int page)
    {
        letters.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
        var text = new StringBuilder();
        var size = letters.Max(SizeOf);
        double? end = null;
        foreach (var letter in letters)
        {
            if (end is { } previousEnd && !string.IsNullOrWhiteSpace(letter.Value))
            {
                // A gap of two characters or more is a table's column break; a smaller one a word space.
                var gap = letter.StartBaseLine.X - previousEnd;
                if (gap > 2 * size)
                {
                    text.Append('\t');
                }
                else if (gap > 0.25 * size && text.Length > 0 && !char.IsWhiteSpace(text[^1]) && !IsWide(text[^1]) && !IsWide(letter.Value[0]))
                {
                    text.Append(' ');
                }
            }
            // A space the PDF draws is the text's (文明普法 知法明理); Chinese justification only widens the gaps.
            text.Append(string.IsNullOrWhiteSpace(letter.Value) ? " " : letter.Value);
            end = Math.Max(end ?? double.MinValue, letter.EndBaseLine.X);
        }
        var visible = letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var left = visible.Count > 0 ? visible.Min(l => l.StartBaseLine.X) : letters[0].StartBaseLine.X;
        var right = visible.Count > 0 ? visible.Max(l => l.EndBaseLine.X) : letters[^1].EndBaseLine.X;
        return new LayoutLine(page, left, right, size, CollapseSpaces(text.ToString()));
    }

    private static double SizeOf(Letter letter) => letter.PointSize > 0 ? letter.PointSize : Math.Max(letter.BoundingBox.Height, 1);

    private static string CollapseSpaces(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ' && (result.Length == 0 || result[^1] is ' ' or '\t'))
            {
                continue;
            }
            result.Append(c);
        }
        return result.ToString().Trim(' ');
    }

    private static bool IsWide(char c) => c >= 0x2E80;
}
