using System.Globalization;
using System.Text;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Quality;

namespace Oversight.Analysis.Tests;

/// <summary>
/// Report pages written for the tests in the layouts portals use (Corpus/*.txt|html, UTF-8 and GBK), each read with the
/// full shipped division registry and compared exactly with what a reader of the page sees in it (Corpus/*.expected).
/// </summary>
public class CorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Pages() => [.. PageNames()];

    private static IEnumerable<string> PageNames() =>
        Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [Theory]
    [MemberData(nameof(Pages))]
    public void Read_CorpusPage_AsAReaderSeesIt(string page)
    {
        var actual = Describe(page);
        var expectedPath = Path.Combine(Folder, Path.ChangeExtension(page, ".expected"));

        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Corpus_Size_FortyPagesAcrossLevelsAndEncodings()
    {
        var pages = PageNames().ToList();

        Assert.True(pages.Count >= 40, $"{pages.Count} pages");
        Assert.Contains(pages, p => p.EndsWith(".html", StringComparison.Ordinal));
        Assert.Contains(pages, p => !IsUtf8(File.ReadAllBytes(Path.Combine(Folder, p))));
    }

    [Fact]
    public void ReadingQuality_Corpus_EveryPageReadAndCounted()
    {
        var quality = new ReadingQuality();
        foreach (var page in PageNames())
        {
            var reading = Reader.Read(new ReportInput(File.ReadAllBytes(Path.Combine(Folder, page)))).Reading!;
            quality.Add(reading, MetricExtractor.Default.Extract(reading));
        }

        Assert.Equal(PageNames().Count(), quality.Pages);
        Assert.Equal(0, quality.Unreadable);
        Assert.Equal(quality.Pages, quality.Count(QualityFields.Title));
        Assert.Equal(quality.Pages, quality.Count(QualityFields.JurisdictionResolved) + quality.Count(QualityFields.JurisdictionAmbiguous)
            + quality.Count(QualityFields.JurisdictionUnresolved));
        Assert.Equal(QualityFields.All, quality.Fields.Select(f => f.Field));
    }

    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // One line per field, in the vocabulary's names, so that a difference reads as what was misread.
    private static string Describe(string page)
    {
        var reading = Reader.Read(new ReportInput(File.ReadAllBytes(Path.Combine(Folder, page)))).Reading!;
        var m = reading.Metadata;
        var text = new StringBuilder();
        text.Append("title: ").Append(m.Title).Append('\n');
        text.Append("issuer: ").Append(m.Issuer).Append(m.PostedBy is null ? "" : " (posted by " + m.PostedBy + ")").Append('\n');
        text.Append("jurisdiction: ").Append(m.JurisdictionName).Append(' ').Append(m.JurisdictionCode ?? "-").Append(' ').Append(m.JurisdictionResolution)
            .Append(' ').Append(m.Level ?? "-").Append('\n');
        text.Append("year: ").Append(m.ReportYear?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        var published = m.PublishedAt is { } at ? at.ToString(m.PublishedAtHasTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture) : "-";
        text.Append("published: ").Append(published).Append(' ').Append(m.PublishedAtBasis ?? "-")
            .Append(m.PublishedAtLabel is null ? "" : " " + m.PublishedAtLabel).Append('\n');
        text.Append("document date: ").Append(m.DocumentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-").Append('\n');
        text.Append("addressees: ").Append(string.Join('、', m.Addressees)).Append('\n');
        text.Append("kinds: ").Append(string.Join(' ', reading.Outline.Sections.Select(s => s.Kind))).Append('\n');
        text.Append("coverage: ").Append(string.Join(' ', reading.Outline.Coverage.Select(c => $"{c.Kind}={c.Status}"))).Append('\n');
        text.Append("causes: ").Append(reading.Outline.ShortfallsCausesAnalysed ? "yes" : "no").Append('\n');
        foreach (var v in MetricExtractor.Default.Extract(reading))
        {
            text.Append("figure: ").Append(v.Indicator).Append(' ').Append(v.Value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(v.Unit)
                .Append(v.Qualifier == "exact" ? "" : " " + v.Qualifier).Append(v.UsedInAggregate ? "" : " (not used)").Append(" <- ").Append(v.RawText)
                .Append('\n');
        }
        return text.ToString();
    }
}
