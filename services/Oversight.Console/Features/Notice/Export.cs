using System.Text;
using MiniExcelLibs;
using Oversight.Mapping;

namespace Oversight.WebConsole.Features.Notice;

public enum ExportFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// Tables an office opens in Excel: .xlsx through MiniExcel (text cells stay text, never formulas), or CSV in UTF-8 with
/// a byte order mark so Excel shows the Chinese, each cell written by the same helper as the command line's.
/// </summary>
public static class Export
{
    public static IResult File(ExportFormat format, string name, IReadOnlyList<string> columns, IEnumerable<object[]> rows)
    {
        var materialised = rows.ToList();
        return format == ExportFormat.Xlsx
            ? Results.File(Xlsx(columns, materialised), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
            : Results.File(Csv(columns, materialised), "text/csv; charset=utf-8", name + ".csv");
    }

    public static byte[] Xlsx(IReadOnlyList<string> columns, IReadOnlyList<object[]> rows)
    {
        var sheet = rows.Select(row =>
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                record[columns[i]] = row[i];
            }
            return record;
        }).ToList();
        using var stream = new MemoryStream();
        if (sheet.Count == 0)
        {
            // MiniExcel takes the header from the first record: an empty list still gets its header row.
            sheet.Add(columns.ToDictionary(c => c, c => (object?)null, StringComparer.Ordinal));
        }
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    public static byte[] Csv(IReadOnlyList<string> columns, IReadOnlyList<object[]> rows)
    {
        var text = new StringBuilder();
        text.Append(CsvCells.Line(columns.Select(CsvCells.Text))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(CsvCells.Line(row.Select(Cell))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        long n => CsvCells.Number(n),
        int n => CsvCells.Number(n),
        double d => CsvCells.Number(d),
        _ => CsvCells.Text(value.ToString() ?? ""),
    };
}
