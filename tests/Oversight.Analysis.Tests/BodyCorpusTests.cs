using System.Globalization;
using System.Text;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Tests;

/// <summary>
/// Pages written for the tests (Bodies/*.txt|html) that give the body and the sections' kinds each way a portal page
/// can: every signal alone and in conflict with another, parents that narrow, departments, every level, the words
/// around a name, and each heading style. Read with the shipped registry and compared exactly with Bodies/*.expected.
/// </summary>
public class BodyCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Bodies");
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    public static TheoryData<string> Pages() => [.. PageNames()];

    private static IEnumerable<string> PageNames() =>
        Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [Theory]
    [MemberData(nameof(Pages))]
    public void Read_BodyCorpusPage_JurisdictionAndKindsAsWritten(string page)
    {
        var actual = Describe(Read(page));
        var expectedPath = Path.Combine(Folder, Path.ChangeExtension(page, ".expected"));

        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void BodyCorpus_Size_SixtyPagesOverEveryLevel()
    {
        var readings = PageNames().Select(Read).ToList();

        Assert.True(readings.Count >= 60, $"{readings.Count} pages");
        foreach (var level in new[] { JurisdictionLevels.Province, JurisdictionLevels.City, JurisdictionLevels.County, JurisdictionLevels.Township,
            JurisdictionLevels.Department })
        {
            Assert.Contains(readings, r => r.Metadata.Level == level && r.Metadata.JurisdictionResolution == JurisdictionResolution.Resolved);
        }
        Assert.Contains(readings, r => r.Metadata.JurisdictionResolution == JurisdictionResolution.Ambiguous);
        Assert.Contains(readings, r => r.Metadata.JurisdictionResolution == JurisdictionResolution.Unresolved);
        Assert.Contains(readings, r => r.Outline.Coverage.Any(c => c.Status == KindCoverage.Uncertain));
        foreach (var source in new[] { "heading", "position", "content" })
        {
            Assert.Contains(readings, r => r.Outline.Sections.Any(s => s.KindSource == source));
        }
    }

    private static ReportReading Read(string page) => Reader.Read(new ReportInput(File.ReadAllBytes(Path.Combine(Folder, page)))).Reading!;

    // One line per fact: the body with what it rests on, then each top-level section's kind with how sure it is.
    private static string Describe(ReportReading reading)
    {
        var m = reading.Metadata;
        var text = new StringBuilder();
        text.Append("title: ").Append(m.Title).Append('\n');
        text.Append("issuer: ").Append(m.Issuer).Append(m.PostedBy is null ? "" : " (posted by " + m.PostedBy + ")").Append('\n');
        text.Append("jurisdiction: ").Append(m.JurisdictionName).Append(' ').Append(m.JurisdictionCode ?? "-").Append(' ').Append(m.JurisdictionResolution)
            .Append(' ').Append(m.Level ?? "-").Append('\n');
        foreach (var candidate in m.JurisdictionCandidates)
        {
            text.Append("candidate: ").Append(candidate).Append(' ').Append(ShippedDivisions.Registry.Find(candidate)?.Name).Append(" <- ")
                .Append(string.Join(' ', m.SignalsBehind(candidate))).Append('\n');
        }
        foreach (var signal in m.JurisdictionSignals)
        {
            text.Append("signal: ").Append(signal.Source).Append(' ').Append(signal.Organization).Append(" -> ")
                .Append(signal.Name.Length == 0 ? "-" : signal.Name)
                .Append(signal.Department ? " (department)" : "").Append(" [").Append(string.Join(' ', signal.Codes)).Append("]\n");
        }
        foreach (var section in reading.Outline.Sections)
        {
            text.Append("section: ").Append(section.Kind).Append(' ').Append(section.KindSource).Append(' ')
                .Append(section.KindConfidence.ToString("0.0", CultureInfo.InvariantCulture)).Append(" | ").Append(section.Heading).Append('\n');
        }
        text.Append("coverage: ").Append(string.Join(' ', reading.Outline.Coverage.Select(c => $"{c.Kind}={c.Status}"))).Append('\n');
        return text.ToString();
    }
}
