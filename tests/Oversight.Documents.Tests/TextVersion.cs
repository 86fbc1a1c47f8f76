using System.Text;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Outline;
using Oversight.Testing;

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
    public double CharactersKeptIn(TextVersion other) => OcrTolerance.ShareKept(Text, other.Text);

    private static IEnumerable<OutlineSection> Flatten(IEnumerable<OutlineSection> sections) =>
        sections.SelectMany(s => new[] { s }.Concat(Flatten(s.Children)));
}
