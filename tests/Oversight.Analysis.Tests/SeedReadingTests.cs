using Oversight.Analysis.Outline;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>What issue 4 says a careful reader finds in each of the five real reports.</summary>
public class SeedReadingTests
{
    private static readonly ReportReader Reader = new(TestDivisions.Registry);

    private static ReportReading Read(string seed)
    {
        var result = Reader.Read(new ReportInput(SampleReports.Bytes(seed), "text/plain"));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Reading!;
    }

    private static DateTimeOffset China(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Read_Hunyuan000_MetadataAndSixSections()
    {
        var reading = Read(SampleReports.Hunyuan);
        var m = reading.Metadata;

        Assert.Equal("浑源县2025年法治政府建设年度报告", m.Title);
        Assert.Equal(2025, m.ReportYear);
        Assert.Equal(China(2026, 2, 10, 17, 8), m.PublishedAt);
        Assert.True(m.PublishedAtHasTime);
        Assert.Equal(new DateOnly(2026, 1, 16), m.DocumentDate);
        Assert.Equal("035200009/2026-00013", m.IndexNumber);
        Assert.Equal("浑源县人民政府", m.Issuer);
        Assert.Equal("140225", m.JurisdictionCode);
        Assert.Equal("county", m.Level);
        Assert.Equal(
            [SectionKinds.Measures, SectionKinds.FirstResponsible, SectionKinds.Shortfalls, SectionKinds.NextYearPlan, SectionKinds.Suggestions,
                SectionKinds.OtherMatters],
            reading.Outline.TopLevelKinds);
        Assert.False(reading.Outline.ShortfallsCausesAnalysed);
        Assert.True(reading.LooksLikeAnnualReport);
    }

    [Fact]
    public void Read_Pulan001_NoFirstResponsibleAnywhereAndNoOtherMatters()
    {
        var reading = Read(SampleReports.Pulan);
        var m = reading.Metadata;

        Assert.Equal(2025, m.ReportYear);
        Assert.Equal(China(2026, 1, 12), m.PublishedAt);
        Assert.False(m.PublishedAtHasTime);
        Assert.Equal(new DateOnly(2025, 12, 31), m.DocumentDate);
        Assert.Equal("pnx/2026-00010", m.IndexNumber);
        Assert.Equal("542521", m.JurisdictionCode);
        Assert.Equal([SectionKinds.Measures, SectionKinds.Shortfalls, SectionKinds.NextYearPlan], reading.Outline.TopLevelKinds);
        Assert.False(reading.Outline.ShortfallsCausesAnalysed);
        Assert.Equal(KindCoverage.Absent, reading.Outline.CoverageOf(SectionKinds.FirstResponsible).Status);
        Assert.Equal(KindCoverage.Absent, reading.Outline.CoverageOf(SectionKinds.OtherMatters).Status);
    }

    [Fact]
    public void Read_Yungang002_HighlightsInsideMeasuresAndCausesPresent()
    {
        var reading = Read(SampleReports.Yungang);
        var m = reading.Metadata;

        Assert.Equal("大同市云冈区2025年法治政府建设年度报告", m.Title);
        Assert.Equal(2025, m.ReportYear);
        Assert.Equal(China(2026, 1, 31, 16, 14), m.PublishedAt);
        Assert.Null(m.DocumentDate);
        Assert.Null(m.IndexNumber);
        Assert.Equal("140214", m.JurisdictionCode);
        Assert.Equal(
            [SectionKinds.Measures, SectionKinds.Shortfalls, SectionKinds.FirstResponsible, SectionKinds.NextYearPlan, SectionKinds.Suggestions,
                SectionKinds.OtherMatters],
            reading.Outline.TopLevelKinds);
        Assert.Contains(SectionKinds.Highlights, reading.Outline.Sections[0].EmbeddedKinds);
        Assert.True(reading.Outline.ShortfallsCausesAnalysed);
        Assert.Contains("原因是", reading.Outline.ShortfallsCausesEvidence!.Excerpt, StringComparison.Ordinal);
        Assert.StartsWith("二", reading.Outline.ShortfallsCausesEvidence.SectionPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Fenxi003_JointIssuerAddressedUpwardMeasuresSpreadOverSevenSections()
    {
        var reading = Read(SampleReports.Fenxi);
        var m = reading.Metadata;

        Assert.Equal("中共汾西县委 汾西县人民政府关于2024年度法治政府建设情况的报告", m.Title);
        Assert.Equal(2024, m.ReportYear);
        Assert.Null(m.PublishedAt);
        Assert.Equal(["中共汾西县委", "汾西县人民政府"], m.IssuingBodies);
        Assert.Equal(["市委", "市政府", "市委依法治市办"], m.Addressees);
        Assert.Equal("141034", m.JurisdictionCode);
        Assert.Equal("county", m.Level);
        Assert.Equal(
            [.. Enumerable.Repeat(SectionKinds.Measures, 7), SectionKinds.Shortfalls, SectionKinds.NextYearPlan],
            reading.Outline.TopLevelKinds);
        Assert.All(reading.Outline.Sections.Take(7), s => Assert.Equal("position", s.KindSource));
        Assert.Equal("八", reading.Outline.Sections[7].Path);
        Assert.Equal("九", reading.Outline.Sections[8].Path);
        Assert.False(reading.Outline.ShortfallsCausesAnalysed);
        var first = reading.Outline.CoverageOf(SectionKinds.FirstResponsible);
        Assert.Equal(KindCoverage.InPassing, first.Status);
        Assert.Contains(first.Evidence, e => e.SectionPath == "一/（二）" && e.Excerpt.Contains("第一责任人", StringComparison.Ordinal));
        Assert.Equal(KindCoverage.Absent, reading.Outline.CoverageOf(SectionKinds.OtherMatters).Status);
    }

    [Fact]
    public void Read_YungangTown004_TownshipWithEverySection()
    {
        var reading = Read(SampleReports.YungangTown);
        var m = reading.Metadata;

        Assert.Equal("云冈区云冈镇2025年法治政府建设年度报告", m.Title);
        Assert.Equal("140214102", m.JurisdictionCode);
        Assert.Equal("township", m.Level);
        Assert.Equal(2025, m.ReportYear);
        Assert.Null(m.PublishedAt);
        Assert.Equal(
            [SectionKinds.Measures, SectionKinds.Shortfalls, SectionKinds.FirstResponsible, SectionKinds.NextYearPlan, SectionKinds.Suggestions,
                SectionKinds.OtherMatters],
            reading.Outline.TopLevelKinds);
        Assert.True(reading.Outline.ShortfallsCausesAnalysed);
        Assert.Contains("究其原因", reading.Outline.ShortfallsCausesEvidence!.Excerpt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SampleReports.Hunyuan)]
    [InlineData(SampleReports.Pulan)]
    [InlineData(SampleReports.Yungang)]
    [InlineData(SampleReports.Fenxi)]
    [InlineData(SampleReports.YungangTown)]
    public void Read_EverySeed_SpansPointAtTheHeadingInTheOriginalText(string seed)
    {
        var reading = Read(seed);
        var original = SampleReports.Text(seed);

        Assert.Equal(original, reading.OriginalText);
        foreach (var section in reading.Outline.Sections)
        {
            Assert.Equal(section.Heading, section.HeadingSpan.Of(original).Trim());
            Assert.StartsWith(section.Number, section.Span.Of(original), StringComparison.Ordinal);
            Assert.Contains(section.Span.Of(original).TrimStart()[..1], "一二三四五六七八九十", StringComparison.Ordinal);
        }
    }
}
