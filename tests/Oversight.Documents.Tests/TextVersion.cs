using System.Text;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Outline;

namespace Oversight.Documents.Tests;

/// <summary>What the report reader makes of a text: its outline, metadata and figures, to compare formats by.</summary>
internal sealed record TextVersion(
    string Title, int? Year, IReadOnlyList<string> Kinds, IReadOnlyList<string> Headings, IReadOnlyList<string> Figures, string Text)
{
    public static TextVersion Of(byte[] content, string? contentType = null)
    {
        var read = ReportReader.Default.Read(new ReportInput(content, contentType));
        Assert.True(read.Succeeded, read.Error?.Message);
        var reading = read.Reading!;
        return new TextVersion(
            reading.Metadata.Title,
            reading.Metadata.ReportYear,
            [.. reading.Outline.TopLevelKinds],
            [.. Flatten(reading.Outline.Sections).Select(s => $"{s.Path} {s.Heading}")],
            [.. MetricExtractor.Default.Extract(reading).Select(v => $"{v.Indicator}={v.Value}{v.Unit}")],
            reading.Text.Text);
    }

    public static TextVersion Of(AttachmentText text)
    {
        Assert.True(text.Succeeded, text.Refusal?.Reason + " " + text.Refusal?.Message);
        return Of(Encoding.UTF8.GetBytes(text.Text), "text/plain; charset=utf-8");
    }

    /// <summary>The share of this text's characters (whitespace aside) found, in order, in the other: 1 when nothing is lost.</summary>
    public double CharactersKeptIn(TextVersion other)
    {
        var a = Text.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var b = other.Text.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return a.Length == 0 ? 1 : (double)previous[b.Length] / a.Length;
    }

    private static IEnumerable<OutlineSection> Flatten(IEnumerable<OutlineSection> sections) =>
        sections.SelectMany(s => new[] { s }.Concat(Flatten(s.Children)));
}
