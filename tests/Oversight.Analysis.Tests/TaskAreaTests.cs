using System.Text;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Rules;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>Which of the implementation outline's nine task areas a report's measures cover, and the rule that requires some.</summary>
public class TaskAreaTests
{
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    private static ReportReading Read(string text) => Reader.Read(new ReportInput(Encoding.UTF8.GetBytes(text))).Reading!;

    private static IReadOnlyList<string> Covered(ReportReading reading) =>
        [.. TaskAreaReader.Read(reading, TaskAreaCatalog.Default).Where(a => a.Covered).Select(a => a.Id)];

    private const string Written = """
        发布日期:2025-03-01
        浑源县2024年法治政府建设年度报告
        一、2024年法治政府建设主要举措和成效
        全年审核规范性文件8件。办理行政复议案件12件,化解矛盾纠纷30件。
        推行“一网通办”,企业开办全程网上办理。
        二、存在的不足和原因
        应急预案修订滞后,原因是人员不足。
        三、党政主要负责人履行推进法治建设第一责任人职责情况
        县委书记带头述法。
        四、2025年工作安排
        推进数字政府建设和政务公开。
        """;

    [Theory]
    [InlineData(SampleReports.Hunyuan, "government_functions rules_system decision_making law_enforcement dispute_resolution party_leadership")]
    [InlineData(SampleReports.Pulan,
        "government_functions rules_system decision_making law_enforcement dispute_resolution digital_government party_leadership")]
    [InlineData(SampleReports.Yungang,
        "government_functions rules_system decision_making law_enforcement emergency_response dispute_resolution oversight_of_power digital_government " +
        "party_leadership")]
    [InlineData(SampleReports.Fenxi,
        "government_functions rules_system decision_making law_enforcement dispute_resolution oversight_of_power digital_government party_leadership")]
    [InlineData(SampleReports.YungangTown, "decision_making law_enforcement dispute_resolution party_leadership")]
    public void Read_Seed_AreasItsMeasuresCover(string seed, string expected)
    {
        var reading = Reader.Read(new ReportInput(SampleReports.Bytes(seed))).Reading!;

        Assert.Equal(expected, string.Join(' ', Covered(reading)));
    }

    [Fact]
    public void Read_AreasNamedOnlyInShortfallsOrPlans_NotCovered()
    {
        var areas = TaskAreaReader.Read(Read(Written), TaskAreaCatalog.Default);

        Assert.Equal(["rules_system", "dispute_resolution", "digital_government", "party_leadership"], areas.Where(a => a.Covered).Select(a => a.Id));
        // 应急预案 (shortfalls), 数字政府 and 政务公开 (the plan) are not work done.
        Assert.DoesNotContain(areas, a => a.Covered && a.Id is "emergency_response" or "oversight_of_power");
        var digital = areas.Single(a => a.Id == "digital_government");
        Assert.Equal("一", digital.Evidence[0].SectionPath);
        Assert.Contains("一网通办", digital.Evidence[0].Excerpt, StringComparison.Ordinal);
        Assert.Equal("健全法治政府建设科技保障体系(数字法治政府)", digital.Name);
    }

    [Fact]
    public void Read_Catalog_NineAreasEachWithCues()
    {
        Assert.Equal(9, TaskAreaCatalog.Default.Areas.Count);
        Assert.All(TaskAreaCatalog.Default.Areas, a => Assert.True(a.Cues.Count >= 5, a.Id));
        // A cue belongs to one area: two areas sharing one would cover each other.
        Assert.Equal(TaskAreaCatalog.Default.Areas.SelectMany(a => a.Cues).Count(), TaskAreaCatalog.Default.Areas.SelectMany(a => a.Cues).Distinct().Count());
    }

    private static readonly RulePack Requiring = RulePackYaml.Parse("""
        packId: digital
        version: 1
        name: 数字法治政府专项
        scopePrefix: "14"
        yearFrom: 2021
        taskAreas:
          required: [digital_government, emergency_response]
          missingSeverity: warning
        """);

    [Fact]
    public void Check_PackRequiresAreas_TaskAreaMissingForEachUncovered()
    {
        var hunyuan = Reader.Read(new ReportInput(SampleReports.Bytes(SampleReports.Hunyuan))).Reading!;
        var yungang = Reader.Read(new ReportInput(SampleReports.Bytes(SampleReports.Yungang))).Reading!;

        var missing = ComplianceChecker.Default.Check(hunyuan, [.. RulePackYaml.Shipped, Requiring]).Where(f => f.Code == RuleVocabulary.TaskAreaMissing)
            .ToList();
        var none = ComplianceChecker.Default.Check(yungang, [.. RulePackYaml.Shipped, Requiring]).Where(f => f.Code == RuleVocabulary.TaskAreaMissing);

        Assert.Equal(["taskAreas.digital_government", "taskAreas.emergency_response"], missing.Select(f => f.Field));
        Assert.All(missing, f => Assert.Equal((RuleVocabulary.Warning, "digital", 1), (f.Severity, f.PackId, f.PackVersion)));
        Assert.Contains("数字法治政府", missing[0].Message, StringComparison.Ordinal);
        Assert.Empty(none);
    }

    [Fact]
    public void Check_InputStoredBeforeTaskAreas_NoTaskAreaFinding()
    {
        var reading = Reader.Read(new ReportInput(SampleReports.Bytes(SampleReports.Hunyuan))).Reading!;
        var input = CheckInput.From(reading, Indicators.MetricExtractor.Default) with { TaskAreas = null };

        Assert.DoesNotContain(ComplianceChecker.Check(input, [.. RulePackYaml.Shipped, Requiring]), f => f.Code == RuleVocabulary.TaskAreaMissing);
    }

    [Fact]
    public void RulePack_TaskAreas_RoundTripAndUnknownAreaRefused()
    {
        var again = RulePackYaml.Parse(RulePackYaml.Write(Requiring));
        var problems = RulePackValidation.Problems(Requiring with { TaskAreas = new TaskAreaRule(["digital", "law_enforcement"], "fatal") }, []);

        Assert.Equal(["digital_government", "emergency_response"], again.TaskAreas!.Required);
        Assert.Equal("warning", again.TaskAreas.MissingSeverity);
        Assert.Contains(problems, p => p.Contains("'digital'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("taskAreas.missingSeverity", StringComparison.Ordinal));
        Assert.Empty(RulePackValidation.Problems(Requiring, []));
    }
}
