using System.Text;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Rules;

namespace Oversight.Analysis.Tests;

public class JurisdictionWeighingTests
{
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    private static ReportReading Read(string text, string? code = null) =>
        Reader.Read(new ReportInput(Encoding.UTF8.GetBytes(text), JurisdictionCode: code)).Reading!;

    private const string Outline = "一、主要举措和成效\n全年办理行政复议案件12件。\n二、存在的不足和原因\n基层力量薄弱,原因是编制不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头述法。\n四、2025年工作安排\n持续推进。\n";

    [Fact]
    public void Weigh_NoSignals_Unresolved()
    {
        var verdict = JurisdictionWeighing.Weigh([], ShippedDivisions.Registry);

        Assert.Equal(JurisdictionResolution.Unresolved, verdict.Status);
        Assert.Null(verdict.Division);
    }

    [Fact]
    public void Weigh_HeaderDisagreesWithTitle_AmbiguousWithBoth()
    {
        var reading = Read("来源:平遥县人民政府\n浑源县2024年法治政府建设年度报告\n" + Outline);

        Assert.Equal(JurisdictionResolution.Ambiguous, reading.Metadata.JurisdictionResolution);
        Assert.Null(reading.Metadata.JurisdictionCode);
        Assert.Equal(["140225", "140728"], reading.Metadata.JurisdictionCandidates);
        Assert.Equal(["title"], reading.Metadata.SignalsBehind("140225"));
        Assert.Equal(["header:来源"], reading.Metadata.SignalsBehind("140728"));
    }

    [Fact]
    public void Weigh_ParentInHeader_NarrowsBareName()
    {
        var reading = Read("来源:长春市朝阳区人民政府\n朝阳区2024年法治政府建设年度报告\n" + Outline);

        Assert.Equal("220104", reading.Metadata.JurisdictionCode);
    }

    [Fact]
    public void Weigh_NamedBodyUnknownBesideKnownOne_NeverTheKnownOne()
    {
        var reading = Read("大同经济技术开发区2024年法治政府建设工作报告\n" + Outline + "大同市人民政府\n2025年2月1日\n");

        Assert.Null(reading.Metadata.JurisdictionCode);
        Assert.Equal(JurisdictionResolution.Ambiguous, reading.Metadata.JurisdictionResolution);
    }

    [Fact]
    public void Read_SuppliedCodeDiffersFromPage_SuppliedWinsAndPageKept()
    {
        var reading = Read("浑源县2024年法治政府建设年度报告\n" + Outline, "140728");

        Assert.Equal("140728", reading.Metadata.JurisdictionCode);
        Assert.Equal(JurisdictionResolution.Supplied, reading.Metadata.JurisdictionResolution);
        Assert.Equal("140225", reading.Metadata.StatedJurisdictionCode);
    }

    [Fact]
    public void Check_SuppliedCodeDiffersFromPage_JurisdictionMismatchWarning()
    {
        var reading = Read("发布日期:2025-03-01\n浑源县2024年法治政府建设年度报告\n" + Outline, "140728");

        var finding = Assert.Single(ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped), f => f.Code == RuleVocabulary.JurisdictionMismatch);

        Assert.Equal(RuleVocabulary.Warning, finding.Severity);
        Assert.Contains("浑源县", finding.Message, StringComparison.Ordinal);
        Assert.Contains("140728", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SuppliedCodeMatchesPage_NoMismatch()
    {
        var reading = Read("发布日期:2025-03-01\n浑源县2024年法治政府建设年度报告\n" + Outline, "140225");

        Assert.DoesNotContain(ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped), f => f.Code == RuleVocabulary.JurisdictionMismatch);
    }

    [Fact]
    public void Check_SectionKindUncertain_UncertainInfoNotMissing()
    {
        var reading = Read(
            "发布日期:2025-03-01\n金寨县2024年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件12件。\n二、存在的不足和原因\n基层力量薄弱,原因是编制不足。\n三、其他有关工作\n县政府主要负责人参加了法治建设会议。\n四、2025年工作安排\n持续推进。\n");

        var findings = ComplianceChecker.Default.Check(reading, RulePackYaml.Shipped);

        Assert.Equal(KindCoverage.Uncertain, reading.Outline.CoverageOf(SectionKinds.FirstResponsible).Status);
        var uncertain = Assert.Single(findings, f => f.Code == RuleVocabulary.SectionUncertain);
        Assert.Equal(SectionKinds.FirstResponsible, uncertain.SectionKind);
        Assert.Equal(RuleVocabulary.Info, uncertain.Severity);
        Assert.Contains("其他有关工作", uncertain.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Code == RuleVocabulary.SectionMissing && f.SectionKind == SectionKinds.FirstResponsible);
    }

    [Fact]
    public void CheckInput_StoredBeforeStatedCode_ReadsWithoutIt()
    {
        // Inputs stored before the stated code existed must still deserialize and check.
        const string stored = """{"JurisdictionCode":"140225","Level":"county","ReportYear":2024,"PublishedAt":null,"DocumentDate":""" +
            """null,"TitleYear":2024,"TextYear":null,"Coverage":[],"CausesAnalysed":true,"FigureCount":9}""";

        var input = System.Text.Json.JsonSerializer.Deserialize<CheckInput>(stored)!;

        Assert.Null(input.StatedJurisdictionCode);
        Assert.DoesNotContain(ComplianceChecker.Check(input, RulePackYaml.Shipped), f => f.Code == RuleVocabulary.JurisdictionMismatch);
    }
}
