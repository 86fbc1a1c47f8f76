using System.Text.RegularExpressions;

namespace Oversight.Testing;

/// <summary>
/// The edits a body makes when it copies a report: another name, other figures (years kept, so the report stays of
/// the same year), paragraphs in another order, a few words changed.
/// </summary>
public static partial class ReportEdits
{
    public static string Rename(string text, string from, string to) => text.Replace(from, to, StringComparison.Ordinal);

    /// <summary>Every figure but years changed digit by digit.</summary>
    public static string ChangeFigures(string text) =>
        Figure().Replace(text, m => string.Concat(m.Value.Select(c => (char)('0' + ((c - '0') * 7 + 3) % 10))));

    /// <summary>Each run of consecutive paragraphs (lines over 50 characters) reversed.</summary>
    public static string ReorderParagraphs(string text)
    {
        var lines = text.Split('\n');
        var output = new List<string>(lines.Length);
        var run = new List<string>();
        foreach (var line in lines)
        {
            if (line.Trim().Length > 50)
            {
                run.Add(line);
                continue;
            }
            run.Reverse();
            output.AddRange(run);
            run.Clear();
            output.Add(line);
        }
        run.Reverse();
        output.AddRange(run);
        return string.Join('\n', output);
    }

    /// <summary>Common words swapped for synonyms, changing many sentences a little.</summary>
    public static string ChangeWords(string text) =>
        text.Replace("进一步", "持续", StringComparison.Ordinal).Replace("加强", "强化", StringComparison.Ordinal).Replace("不断", "切实", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\d)\d+(?![\d年])")]
    private static partial Regex Figure();
}
