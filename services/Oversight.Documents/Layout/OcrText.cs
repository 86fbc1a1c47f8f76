using System.Globalization;
using System.Text;

namespace Oversight.Documents.Layout;

/// <summary>
/// Tesseract's TSV (one row per recognised word with its box) as printed lines. Words of a line are joined without
/// a space unless both sides are Latin letters or digits: chi_sim splits Chinese runs into words that were never
/// separated on the page.
/// </summary>
internal static class OcrText
{
    private const int WordLevel = 5;

    public static IReadOnlyList<LayoutLine> Lines(string tsv)
    {
        var lines = new List<LayoutLine>();
        (int Page, int Block, int Par, int Line)? current = null;
        var text = new StringBuilder();
        double left = 0, right = 0, height = 0;
        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < 12 || !int.TryParse(cells[0], out var level) || level != WordLevel)
            {
                continue;
            }
            var word = cells[11].Trim();
            if (word.Length == 0)
            {
                continue;
            }
            var key = (Int(cells[1]), Int(cells[2]), Int(cells[3]), Int(cells[4]));
            var (wordLeft, wordWidth, wordHeight) = (Int(cells[6]), Int(cells[8]), Int(cells[9]));
            if (current != key)
            {
                Flush();
                current = key;
                left = wordLeft;
                right = wordLeft + wordWidth;
                height = wordHeight;
            }
            else
            {
                if (text.Length > 0 && IsLatin(text[^1]) && IsLatin(word[0]))
                {
                    text.Append(' ');
                }
                right = Math.Max(right, wordLeft + wordWidth);
                height = Math.Max(height, wordHeight);
            }
            text.Append(word);
        }
        Flush();
        return lines;

        void Flush()
        {
            if (current is { } done && text.Length > 0)
            {
                lines.Add(new LayoutLine(done.Page, left, right, height, text.ToString()));
            }
            text.Clear();
        }
    }

    private static int Int(string cell) => int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static bool IsLatin(char c) => c < 0x2E80 && char.IsLetterOrDigit(c);
}
