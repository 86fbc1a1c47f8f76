using System.Globalization;
using System.Text.RegularExpressions;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Indicators;

/// <summary>The statistics-table rows of disclosure-tables.yaml: which row and which of its numbers is which figure.</summary>
public sealed class TableFigureCatalog
{
    public string Version { get; set; } = "";

    public string ReportType { get; set; } = "";

    public List<TableRowDefinition> Rows { get; set; } = [];

    public static TableFigureCatalog Default { get; } = Checked(EmbeddedData.Load<TableFigureCatalog>("disclosure-tables.yaml"));

    // A row without a description would reach callers of ListIndicators as an empty one.
    internal static TableFigureCatalog Checked(TableFigureCatalog catalog)
    {
        if (catalog.Rows.FirstOrDefault(r => r.Indicator.Length == 0 || r.Name.Length == 0 || r.Description.Length == 0) is { } row)
        {
            throw new InvalidOperationException($"disclosure-tables.yaml: row '{row.Indicator}' needs an indicator, a name and a description.");
        }
        return catalog;
    }
}

public sealed class TableRowDefinition
{
    public string Indicator { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>A phrase one of the row's text cells contains; empty for a row of numbers only.</summary>
    public string Label { get; set; } = "";

    /// <summary>Numbers a row without a label has at least.</summary>
    public int MinNumbers { get; set; }

    /// <summary>1-based among the row's numbers; -1 is the last.</summary>
    public int Column { get; set; }

    public string Unit { get; set; } = "";

    /// <summary>What the value is, as ListIndicators tells callers.</summary>
    public string Description { get; set; } = "";
}

/// <summary>
/// Figures from the statistics tables of a report, row by row: a line of cells ("| a | b |" from an HTML table, or
/// cells parted by tabs or runs of spaces in copied text), or a label line and the lines of one number each below it
/// (a table flattened to one cell per line); its text cells name the row, its numbers the columns.
/// The first row an entry matches gives its value, with the row as evidence. Pure.
/// </summary>
public static partial class TableFigureReader
{
    public static IReadOnlyList<ExtractedValue> Read(ReportReading reading, TableFigureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = reading.Text.Text;
        var body = reading.NormalizedBody;
        var values = new List<ExtractedValue>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var lines = Line.Split(text).Where(l => l.Start >= body.Start && l.End <= body.End && l.Content.Trim().Length > 0).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var cells = Cells(line.Content);
            var numbers = cells.Select(Number).ToList();
            var firstNumber = numbers.FindIndex(n => n is not null);
            var evidenceLength = line.Content.Length;
            // A table flattened to one cell per line: the row's label on its own line, each of its numbers on the next ones.
            if (firstNumber < 0)
            {
                var below = i + 1;
                while (below < lines.Count && Cells(lines[below].Content) is [var only] && Number(only) is not null)
                {
                    below++;
                }
                if (below == i + 1)
                {
                    continue;
                }
                firstNumber = cells.Count;
                // Each of those lines is one cell, with or without the bar that closed it ("0 |").
                numbers.AddRange(lines.Skip(i + 1).Take(below - i - 1).Select(l => Number(Cells(l.Content)[0])));
                evidenceLength = lines[below - 1].End - line.Start;
            }
            if (numbers.Skip(firstNumber).Any(n => n is null))
            {
                continue;
            }
            var labels = cells.Take(firstNumber).ToList();
            var row = numbers.Skip(firstNumber).Select(n => n!.Value).ToList();
            foreach (var entry in catalog.Rows.Where(e => !found.Contains(e.Indicator)))
            {
                var matches = entry.Label.Length > 0
                    ? labels.Any(c => c.Contains(entry.Label, StringComparison.Ordinal))
                    : labels.Count == 0 && row.Count >= entry.MinNumbers;
                var column = entry.Column < 0 ? row.Count + entry.Column : entry.Column - 1;
                if (!matches || column < 0 || column >= row.Count)
                {
                    continue;
                }
                found.Add(entry.Indicator);
                var span = reading.Text.ToOriginal(line.Start, evidenceLength);
                var evidence = new Evidence(OutlineBuilder.PathAt(reading.Outline.Sections, span.Start), span, span.Of(reading.OriginalText));
                var raw = row[column].ToString(CultureInfo.InvariantCulture);
                values.Add(new ExtractedValue(entry.Indicator, row[column], null, entry.Unit, "exact", raw, evidence, true));
            }
        }
        return values;
    }

    private static List<string> Cells(string line) => Cell().Split(line).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();

    private static double? Number(string cell) =>
        double.TryParse(cell.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    // The normalized text has tabs and wide spaces as one space: cells are parted by spaces or by an HTML table's bars.
    [GeneratedRegex(@"[|\s]+")]
    private static partial Regex Cell();
}
