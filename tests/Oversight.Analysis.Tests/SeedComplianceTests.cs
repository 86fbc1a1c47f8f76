using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>The findings issue 7 expects on the five seeds with the shipped packs: exactly these codes.</summary>
public class SeedComplianceTests
{
    private static IReadOnlyList<RuleFinding> Check(string seed)
    {
        var reading = new ReportReader(ShippedDivisions.Registry).Read(new ReportInput(SampleReports.Bytes(seed))).Reading!;
        return ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped);
    }

    private static void AssertFindings(string seed, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal),
            Check(seed).Select(f => f.SectionKind.Length == 0 ? f.Code : $"{f.Code}({f.SectionKind},{f.Severity})").Order(StringComparer.Ordinal));

    [Fact]
    public void Check_Hunyuan000_OnlyShortfallsWithoutCauses() =>
        AssertFindings(SampleReports.Hunyuan, "SHORTFALLS_WITHOUT_CAUSES(shortfalls,warning)");

    [Fact]
    public void Check_Pulan001_MissingSectionsCausesAndEarlyDate() =>
        AssertFindings(SampleReports.Pulan,
            "SECTION_MISSING(first_responsible,error)", "SECTION_MISSING(other_matters,warning)", "SHORTFALLS_WITHOUT_CAUSES(shortfalls,warning)",
            "DOCUMENT_DATED_WITHIN_REPORT_YEAR");

    [Fact]
    public void Check_Yungang002_None() => AssertFindings(SampleReports.Yungang);

    [Fact]
    public void Check_Fenxi003_InPassingMissingCausesAndUnknownDate() =>
        AssertFindings(SampleReports.Fenxi,
            "SECTION_NOT_DEDICATED(first_responsible,warning)", "SECTION_MISSING(other_matters,warning)", "SHORTFALLS_WITHOUT_CAUSES(shortfalls,warning)",
            "DISCLOSURE_DATE_UNKNOWN");

    [Fact]
    public void Check_YungangTown004_OnlyUnknownDate() => AssertFindings(SampleReports.YungangTown, "DISCLOSURE_DATE_UNKNOWN");

    [Fact]
    public void Check_Yungang002WithoutSuggestions_DatongPackWarnsAndNamesItself()
    {
        var text = SampleReports.Text(SampleReports.Yungang);
        Assert.Contains("五、对全市加强法治政府建设的建议和意见", text, StringComparison.Ordinal);
        var withoutSuggestions = text.Replace("五、对全市加强法治政府建设的建议和意见", "五、有关工作情况", StringComparison.Ordinal);
        var reading = new ReportReader(ShippedDivisions.Registry).Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(withoutSuggestions))).Reading!;

        var findings = ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped);

        var missing = Assert.Single(findings, f => f.Code == RuleVocabulary.SectionMissing);
        Assert.Equal(("suggestions", "warning", "datong", 1), (missing.SectionKind, missing.Severity, missing.PackId, missing.PackVersion));
        Assert.Contains("意见建议", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-31T23:59:00+08:00", false)]
    [InlineData("2026-04-01T00:00:00+08:00", true)]
    public void Check_PublishedAroundAprilFirst_LateFromAprilFirstChinaTime(string publishedAt, bool late)
    {
        var reading = new ReportReader(ShippedDivisions.Registry).Read(new ReportInput(SampleReports.Bytes(SampleReports.Yungang))).Reading!;
        reading = reading with
        {
            Metadata = reading.Metadata with { PublishedAt = DateTimeOffset.Parse(publishedAt, System.Globalization.CultureInfo.InvariantCulture) },
        };

        var findings = ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped);

        Assert.Equal(late, findings.Any(f => f.Code == RuleVocabulary.DisclosureLate && f.Severity == "error" && f.Field == "publishedAt"));
    }
}
