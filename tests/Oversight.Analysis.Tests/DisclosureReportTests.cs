using System.Text;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Testing;
using Xunit;

namespace Oversight.Analysis.Tests;

/// <summary>The second report type, the government information disclosure annual report, read as data says.</summary>
public class DisclosureReportTests
{
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    private static readonly (string Indicator, double Value)[] Figures =
    [
        ("disclosure.regulations_issued", 0), ("disclosure.normative_docs_issued", 6), ("disclosure.normative_docs_in_force", 41),
        ("disclosure.licensing_decisions", 3427), ("disclosure.penalty_decisions", 612), ("disclosure.enforcement_decisions", 38),
        ("disclosure.requests_received", 21), ("disclosure.requests_carried_over", 6), ("disclosure.requests_disclosed", 11),
        ("disclosure.requests_partly_disclosed", 3), ("disclosure.requests_carried_forward", 2),
        ("disclosure.reviews", 2), ("disclosure.lawsuits_direct", 1), ("disclosure.lawsuits_after_review", 0),
    ];

    private static ReportReading Read(string text, string? contentType = null) =>
        Reader.Read(new ReportInput(Encoding.UTF8.GetBytes(text), contentType)).Reading!;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    public void Read_DisclosureReport_TypeSixPartsAndTableFigures(string contentType)
    {
        var reading = Read(contentType == "text/html" ? SampleReports.DisclosureHtml() : SampleReports.DisclosureText, contentType);

        Assert.Equal((ReportTypes.InformationDisclosure, "140225", 2024),
            (reading.Metadata.ReportType, reading.Metadata.JurisdictionCode, reading.Metadata.ReportYear));
        Assert.True(reading.LooksLikeAnnualReport);
        Assert.Equal(["disclosure_overview", "disclosure_proactive", "disclosure_requests", "disclosure_disputes", "disclosure_problems", "other_matters"],
            reading.Outline.Sections.Select(s => s.Kind));
        var values = MetricExtractor.Default.ExtractWithTaskAreas(reading);
        Assert.Equal(Figures, values.Select(v => (v.Indicator, v.Value)));
        Assert.All(values, v => Assert.True(v.UsedInAggregate));
        var received = values.Single(v => v.Indicator == "disclosure.requests_received");
        Assert.Equal("三", received.Evidence.SectionPath);
        Assert.Contains("本年新收政府信息公开申请数量", received.Evidence.Excerpt, StringComparison.Ordinal);
    }

    // The template's rows read as figures, not its numbered row "四、结转下年度继续办理" as the fourth part.
    [Fact]
    public void Read_TableRowNumberedLikeAPart_StaysARow()
    {
        var reading = Read(SampleReports.DisclosureText);

        Assert.Equal(["一", "二", "三", "四", "五", "六"], reading.Outline.Sections.Select(s => s.Number.TrimEnd('、')));
        Assert.StartsWith("政府信息公开行政复议", reading.Outline.Sections[3].Heading, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DisclosureReportOnTime_NoFinding()
    {
        var findings = ComplianceChecker.Default.Check(Read(SampleReports.DisclosureText), RulePackYaml.Shipped);

        Assert.Empty(findings);
    }

    // Published after January 31 and without its fourth part: late by the disclosure pack's deadline, the part missing by its sections.
    [Fact]
    public void Check_LateAndWithoutThePartOnAppeals_DisclosureLateAndSectionMissing()
    {
        var text = SampleReports.DisclosureText.Replace("2025-01-24 10:15", "2025-02-10 09:00", StringComparison.Ordinal);
        var start = text.IndexOf("四、政府信息公开行政复议", StringComparison.Ordinal);
        text = text[..start] + text[text.IndexOf("五、存在的主要问题", StringComparison.Ordinal)..];

        var findings = ComplianceChecker.Default.Check(Read(text), RulePackYaml.Shipped);

        Assert.Equal([("SECTION_MISSING", "disclosure_disputes", "error"), ("DISCLOSURE_LATE", "", "error")],
            findings.Select(f => (f.Code, f.SectionKind, f.Severity)));
        Assert.All(findings, f => Assert.Equal("national-disclosure", f.PackId));
        Assert.Contains("政府信息公开行政复议、行政诉讼情况", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("2025年2月1日前", findings[1].Message, StringComparison.Ordinal);
    }

    // The rule-of-law report of the same body is read and checked as before: its type, its packs, its figures.
    [Fact]
    public void Read_RuleOfLawSeed_StillTheRuleOfLawType()
    {
        var reading = Reader.Read(new ReportInput(SampleReports.Bytes(SampleReports.Hunyuan))).Reading!;

        Assert.Equal(ReportTypes.RuleOfLaw, reading.Metadata.ReportType);
        Assert.DoesNotContain(MetricExtractor.Default.Extract(reading), v => v.Indicator.StartsWith("disclosure.", StringComparison.Ordinal));
        Assert.DoesNotContain(ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped), f => f.PackId == "national-disclosure");
    }

    [Fact]
    public void Validate_DisclosurePackWithARuleOfLawKind_NamesTheTypesKinds()
    {
        var pack = RulePackYaml.Parse(
            "packId: shanxi-disclosure\nname: 山西省\nreportType: information_disclosure\nscopePrefix: \"14\"\nsections:\n  - kind: shortfalls\n" +
            "    missingSeverity: error\n");

        var problem = Assert.Single(RulePackValidation.Problems(pack, RulePackYaml.Shipped));

        Assert.Contains("'shortfalls'", problem, StringComparison.Ordinal);
        Assert.Contains("disclosure_problems", problem, StringComparison.Ordinal);
    }
}
