using System.Globalization;

namespace Oversight.Mapping;

/// <summary>
/// The one way the command line and the web console write a CSV cell. Text that reached us from a report or a caller (names, units,
/// evidence, keys) is data, never a formula: a cell starting with = + - @, a tab or a carriage return is opened by a
/// single quote (the OWASP rule against CSV injection), so Excel and LibreOffice show =HYPERLINK(…) as the text it is.
/// Numbers the program formats itself are written as numbers, so a negative figure stays a negative number.
/// </summary>
public static class CsvCells
{
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    /// <summary>A text cell, quoted only when it must be (RFC 4180: a comma, a quote or a line break in it).</summary>
    public static string Text(string value)
    {
        var cell = Neutralise(OneLine(value));
        return cell.IndexOfAny(NeedsQuotes) >= 0 ? Quoted(cell) : cell;
    }

    /// <summary>A text cell always in quotes (free text such as evidence excerpts), neutralised like <see cref="Text"/>.</summary>
    public static string QuotedText(string value) => Quoted(Neutralise(OneLine(value)));

    /// <summary>A number the program formatted (up to two decimals, invariant culture): never neutralised.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Number(double)"/>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Cells already made by this class, as one line.</summary>
    public static string Line(params IEnumerable<string> cells) => string.Join(",", cells);

    /// <summary>
    /// A cell a spreadsheet would read as a formula (its first character, or its first after spaces, one of = + - @,
    /// or a tab or carriage return first) gets a single quote before it.
    /// </summary>
    public static string Neutralise(string value)
    {
        var start = value.AsSpan().TrimStart(' ');
        var formula = (value.Length > 0 && value[0] is '\t' or '\r') || (start.Length > 0 && start[0] is '=' or '+' or '-' or '@');
        return formula ? "'" + value : value;
    }

    // One record per line: a line break in report text becomes a space (before neutralising, so "\n=…" is caught too).
    private static string OneLine(string value) =>
        value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private static string Quoted(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
