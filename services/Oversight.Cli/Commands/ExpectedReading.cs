using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;

namespace Oversight.Cli.Commands;

/// <summary>
/// What a careful reader takes from one page, as an office writes it down to check the reader on its own pages (the shape
/// of the real-page development set's expected.json). A null means the page does not show that fact, so the reader must
/// give none.
/// </summary>
public sealed record ExpectedPage
{
    public string File { get; init; } = "";

    public string? Title { get; init; }

    public string? ReportType { get; init; }

    public int? ReportYear { get; init; }

    /// <summary>yyyy-MM-dd in China time.</summary>
    public string? PublishedDate { get; init; }

    /// <summary>The body's place as the page names it (静海区, 武汉市 for 武汉市司法局).</summary>
    public string? Jurisdiction { get; init; }

    public string? Level { get; init; }

    public string? FirstKind { get; init; }

    /// <summary>Other kinds accepted for the first top-level section.</summary>
    public IReadOnlyList<string> AltKind { get; init; } = [];

    public IReadOnlyList<ExpectedFigure> Figures { get; init; } = [];

    public static IReadOnlyList<ExpectedPage> Load(string path) =>
        JsonSerializer.Deserialize<List<ExpectedPage>>(System.IO.File.ReadAllText(path), Options) ?? [];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>A statistic the page states: a catalog indicator id ("other:…" for one no indicator counts) and its value.</summary>
public sealed record ExpectedFigure
{
    public string Indicator { get; init; } = "";

    public double Value { get; init; }

    /// <summary>Other values accepted (the same count written two ways).</summary>
    public IReadOnlyList<double> Alt { get; init; } = [];
}

/// <summary>One disagreement between the reading and the expected file.</summary>
public sealed record ReadingMiss(string File, string Field, string Expected, string Got);

/// <summary>
/// Compares readings with expected pages field by field, as the real-page scorer does: titles without whitespace, the
/// date part of the publication time in China time, the body right only when resolved to a place whose name and the
/// expected one contain one another (a resolved answer where none is expected, or another place, is a miss; abstaining
/// where none is expected is right), the first top-level section's kind, and catalog figures found with the expected value.
/// </summary>
public sealed class ExpectedComparison
{
    public static readonly IReadOnlyList<string> Fields = ["title", "reportType", "reportYear", "publishedDate", "jurisdiction", "level", "firstKind",
        "figures"];

    private readonly Dictionary<string, (int Right, int Total)> _fields = Fields.ToDictionary(f => f, _ => (0, 0), StringComparer.Ordinal);
    private readonly List<ReadingMiss> _misses = [];

    public int Pages { get; private set; }

    public IReadOnlyList<ReadingMiss> Misses => _misses;

    public (int Right, int Total) this[string field] => _fields[field];

    public void Add(ExpectedPage expected, ReportReading reading, IReadOnlyList<ExtractedValue> values)
    {
        Pages++;
        var m = reading.Metadata;
        Compare(expected, "title", Compact(expected.Title), Compact(m.Title));
        Compare(expected, "reportType", expected.ReportType ?? Analysis.Rules.ReportTypes.RuleOfLaw, m.ReportType);
        Compare(expected, "reportYear", Text(expected.ReportYear), Text(m.ReportYear));
        Compare(expected, "publishedDate", expected.PublishedDate, m.PublishedAt?.ToOffset(ChinaTime.Offset)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var resolved = m.JurisdictionResolution is JurisdictionResolution.Resolved or JurisdictionResolution.Supplied;
        var got = resolved ? m.JurisdictionName : null;
        var bodyRight = expected.Jurisdiction is null ? !resolved : resolved && NamesMatch(expected.Jurisdiction, m.JurisdictionName);
        Count(expected, "jurisdiction", bodyRight, expected.Jurisdiction, got is null ? $"({m.JurisdictionResolution})" : $"{got} {m.JurisdictionCode}");
        Compare(expected, "level", expected.Level, m.Level);
        var first = reading.Outline.Sections.FirstOrDefault(s => s.Depth == 1);
        var kindRight = first?.Kind == expected.FirstKind || (first is not null && expected.AltKind.Contains(first.Kind));
        Count(expected, "firstKind", kindRight, expected.FirstKind, first?.Kind);
        foreach (var figure in expected.Figures.Where(f => !f.Indicator.StartsWith("other:", StringComparison.Ordinal)))
        {
            var accepted = figure.Alt.Prepend(figure.Value).ToList();
            var stated = values.Where(v => v.Indicator == figure.Indicator).Select(v => (double)v.Value).ToList();
            var found = stated.Any(v => accepted.Any(a => Math.Abs(a - v) < 1e-9));
            Count(expected, "figures", found, $"{figure.Indicator}={Text(figure.Value)}",
                stated.Count == 0 ? null : string.Join(',', stated.Select(Text)));
        }
    }

    private void Compare(ExpectedPage page, string field, string? expected, string? got) =>
        Count(page, field, string.Equals(expected, NullIfEmpty(got), StringComparison.Ordinal), expected, got);

    private void Count(ExpectedPage page, string field, bool right, string? expected, string? got)
    {
        var (r, t) = _fields[field];
        _fields[field] = (r + (right ? 1 : 0), t + 1);
        if (!right)
        {
            _misses.Add(new ReadingMiss(page.File, field, expected ?? "-", NullIfEmpty(got) ?? "-"));
        }
    }

    private static bool NamesMatch(string expected, string got)
    {
        var (e, g) = (Compact(expected)!, Compact(got) ?? "");
        return g.Length > 0 && (e.Contains(g, StringComparison.Ordinal) || g.Contains(e, StringComparison.Ordinal));
    }

    private static string? Compact(string? text) => NullIfEmpty(text is null ? null : string.Concat(text.Where(c => !char.IsWhiteSpace(c))));

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Text(int? number) => number?.ToString(CultureInfo.InvariantCulture);

    private static string Text(double number) => number.ToString(CultureInfo.InvariantCulture);
}
