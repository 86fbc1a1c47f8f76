using System.Globalization;
using System.Text;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;

namespace Oversight.Analysis.Tests;

/// <summary>
/// Pages written for the tests (Portals/*.txt) in the layouts real portals were found to use and the reader once missed:
/// date labels and unlabelled dates, document dates beside publication dates, banners, titles broken or tagged, bodies
/// named only in the opening sentence or by self-reference, reports without a title, themed first sections and figure
/// wordings. The bodies, places' sentences and figures are invented; each is compared exactly with Portals/*.expected.
/// </summary>
public class PortalPatternTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Portals");
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    public static TheoryData<string> Pages() => [.. PageNames()];

    private static IEnumerable<string> PageNames() =>
        Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [Theory]
    [MemberData(nameof(Pages))]
    public void Read_PortalPatternPage_AsAReaderSeesIt(string page)
    {
        var actual = Describe(page);
        var expectedPath = Path.Combine(Folder, Path.ChangeExtension(page, ".expected"));

        Assert.True(File.Exists(expectedPath), $"no {expectedPath}; the page reads as:\n{actual}");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    // The facts the real-page scorer compares, with what each rests on, so that a difference reads as what was misread.
    private static string Describe(string page)
    {
        var reading = Reader.Read(new ReportInput(File.ReadAllBytes(Path.Combine(Folder, page)))).Reading!;
        var m = reading.Metadata;
        var text = new StringBuilder();
        text.Append("type: ").Append(m.ReportType).Append(reading.LooksLikeAnnualReport ? "" : " (not a report)").Append('\n');
        text.Append("title: ").Append(m.Title).Append('\n');
        text.Append("issuer: ").Append(m.Issuer).Append(m.PostedBy is null ? "" : " (posted by " + m.PostedBy + ")").Append('\n');
        text.Append("jurisdiction: ").Append(m.JurisdictionName).Append(' ').Append(m.JurisdictionCode ?? "-").Append(' ').Append(m.JurisdictionResolution)
            .Append(' ').Append(m.Level ?? "-").Append('\n');
        foreach (var signal in m.JurisdictionSignals)
        {
            text.Append("signal: ").Append(signal.Source).Append(' ').Append(signal.Organization).Append(" -> ")
                .Append(signal.Name.Length == 0 ? "-" : signal.Name)
                .Append(signal.Department ? " (department)" : "").Append(" [").Append(string.Join(' ', signal.Codes)).Append("]\n");
        }
        text.Append("year: ").Append(m.ReportYear?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        var published = m.PublishedAt is { } at ? at.ToString(m.PublishedAtHasTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture) : "-";
        text.Append("published: ").Append(published).Append(' ').Append(m.PublishedAtBasis ?? "-")
            .Append(m.PublishedAtLabel is null ? "" : " " + m.PublishedAtLabel).Append('\n');
        text.Append("document date: ").Append(m.DocumentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-").Append('\n');
        foreach (var section in reading.Outline.Sections.Where(s => s.Depth == 1))
        {
            text.Append("section: ").Append(section.Kind).Append(' ').Append(section.KindSource).Append(' ')
                .Append(section.KindConfidence.ToString("0.0", CultureInfo.InvariantCulture)).Append(" | ").Append(section.Heading).Append('\n');
        }
        foreach (var v in MetricExtractor.Default.Extract(reading))
        {
            text.Append("figure: ").Append(v.Indicator).Append(' ').Append(v.Value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(v.Unit)
                .Append(v.Qualifier == "exact" ? "" : " " + v.Qualifier).Append(v.UsedInAggregate ? "" : " (not used)").Append(" <- ").Append(v.RawText)
                .Append('\n');
        }
        return text.ToString();
    }
}
