using Oversight.Analysis.Indicators;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>
/// Every figure a careful reader finds in the five real reports, for every catalog indicator, and nothing else.
/// A row is (indicator, value, qualifier, used by aggregates); a seed's whole list must match in report order.
/// </summary>
public class SeedMetricTests
{
    private const string E = "exact";
    private const string L = "at_least";

    private static IReadOnlyList<ExtractedValue> Extract(string seed)
    {
        var result = new ReportReader(TestDivisions.Registry).Read(new ReportInput(SampleReports.Bytes(seed), "text/plain"));
        Assert.True(result.Succeeded, result.Error?.Message);
        return MetricExtractor.Default.Extract(result.Reading!);
    }

    private static void AssertValues(string seed, params (string Indicator, double Value, string Qualifier, bool Used)[] expected)
    {
        var actual = Extract(seed).Select(v => (v.Indicator, v.Value, v.Qualifier, v.UsedInAggregate)).ToList();
        Assert.Equal(expected.OrderBy(e => e.Indicator, StringComparer.Ordinal).ThenBy(e => e.Value),
            actual.OrderBy(a => a.Indicator, StringComparer.Ordinal).ThenBy(a => a.Value));
    }

    [Fact]
    public void Extract_Hunyuan000_EveryStatedFigureAndNoOther()
    {
        AssertValues(
            SampleReports.Hunyuan,
            ("law_study.sessions", 16, E, true), // 共学习16次
            ("law_study.sessions", 12, E, false), // 行政执法大讲堂线上学习12次
            ("major_decisions.count", 3, E, true),
            ("admin_reconsideration.received", 47, E, true), // not 去年结转5件 nor 共计52件
            ("admin_reconsideration.accepted", 28, E, true), // not 不予受理12件
            ("admin_reconsideration.concluded", 27, E, true),
            ("admin_reconsideration.corrected", 7, E, true),
            ("admin_reconsideration.correction_rate", 25.93, E, true),
            ("admin_litigation.cases", 41, E, true),
            ("admin_litigation.lost", 4, E, true),
            ("enforcement.certified_officers", 28, E, true), // 申领执法证件; not 注销执法证件38个
            ("procuratorial_suggestions.count", 29, E, true),
            ("legal_publicity.events", 18, E, false), // 送法入企宣传18次
            ("legal_publicity.events", 3, E, false), // 精准普法3次
            ("legal_publicity.events", 50, L, true), // 集中宣传活动50余场
            ("legal_consultation.count", 2997, E, true),
            ("legal_aid.cases", 112, E, true), // not 特殊群体37件
            ("notarization.count", 103, E, true),
            ("mediation.screenings", 307, E, true),
            ("mediation.disputes_resolved", 467, E, true),
            ("legal_publicity.materials", 20000, L, true)); // 2万余份
    }

    [Fact]
    public void Extract_Pulan001_EveryStatedFigureAndNoOther()
    {
        AssertValues(
            SampleReports.Pulan,
            ("law_study.sessions", 2, E, true), // 专题学法、法治讲座2场次
            ("government_services.items_handled", 9938, E, true), // 线上线下办件量
            ("government_services.items_handled", 1020, E, false), // 12345 热线办件
            ("normative_docs.reviewed", 11, E, true), // not 合同17件
            ("enforcement.case_files_reviewed", 66, E, true),
            ("enforcement.inspections", 3, E, true),
            ("admin_reconsideration.received", 1, E, true),
            ("admin_reconsideration.concluded", 1, E, true),
            ("legal_publicity.events", 26, E, false), // 法律十进活动26场次
            ("legal_publicity.events", 220, L, true),
            ("mediation.disputes_resolved", 85, E, true),
            ("legal_consultation.count", 50, L, true));
    }

    [Fact]
    public void Extract_Yungang002_EveryStatedFigureAndNoOther()
    {
        AssertValues(
            SampleReports.Yungang,
            ("government_services.items_handled", 24979, E, true),
            ("normative_docs.cleaned_up", 122, E, true),
            ("legal_advisers.participations", 106, E, true), // not 代理行政诉讼案件25件 as litigation cases
            ("enforcement.inspections", 800, L, true), // 八百多次
            ("enforcement.case_files_reviewed", 558, E, true),
            ("admin_litigation.head_appearance_rate", 100, E, true),
            ("mediation.disputes_resolved", 805, E, true),
            ("mediation.disputes_resolved", 230, E, false), // one mediation room's 景区纠纷
            ("mediation.resolution_rate", 98, E, true),
            ("legal_publicity.events", 554, E, true),
            ("legal_literates.count", 1285, E, true),
            ("admin_reconsideration.received", 84, E, true),
            ("admin_reconsideration.concluded", 75, E, true),
            ("admin_reconsideration.correction_rate", 11, E, true), // not 较去年同期下降21%
            ("legal_aid.cases", 249, E, true),
            ("legal_consultation.count", 358, E, true));
    }

    [Fact]
    public void Extract_Fenxi003_EveryStatedFigureAndNoOther()
    {
        AssertValues(
            SampleReports.Fenxi,
            ("law_study.sessions", 43, E, true),
            ("enforcement.inspections", 41, E, true),
            ("major_decisions.count", 7, E, false), // 县委常委会
            ("major_decisions.count", 24, E, true), // 县政府常务会议
            ("legal_advisers.participations", 18, E, true), // not a major decision count
            ("npc_suggestions.handled", 44, E, true),
            ("cppcc_proposals.handled", 53, E, true),
            ("admin_reconsideration.accepted", 18, E, true),
            ("admin_reconsideration.concluded", 18, E, true),
            ("mediation.screenings", 71, E, true),
            ("mediation.disputes_resolved", 178, E, true),
            ("admin_litigation.head_appearance_rate", 100, E, true),
            ("legal_aid.cases", 59, E, true),
            ("legal_consultation.count", 1583, E, true),
            ("legal_consultation.count", 300, L, false),
            ("legal_consultation.count", 50, L, false),
            ("notarization.count", 56, E, true),
            ("legal_publicity.events", 30, L, true),
            ("legal_publicity.materials", 2000, L, true), // 2000余册
            ("legal_literates.count", 421, E, true)); // not 23名法律顾问
    }

    [Fact]
    public void Extract_YungangTown004_EveryStatedFigureAndNoOther()
    {
        AssertValues(
            SampleReports.YungangTown,
            ("law_study.sessions", 12, E, true),
            ("legal_consultation.count", 100, L, true), // 百余人次
            ("enforcement.inspections", 36, E, true),
            ("enforcement.inspections", 36, E, false), // stated again; not 月均…3次
            ("legal_publicity.events", 10, L, true), // 十余次
            ("legal_publicity.materials", 1500, E, true),
            ("npc_suggestions.handled", 10, E, true),
            ("mediation.screenings", 18, E, true),
            ("legal_literates.count", 67, E, true));
    }

    [Fact]
    public void Extract_AnySeed_EvidenceIsTheSentenceInTheOriginalTextAndHoldsTheFigure()
    {
        foreach (var seed in SampleReports.All)
        {
            var original = SampleReports.Text(seed);
            foreach (var value in Extract(seed))
            {
                var span = value.Evidence.Span;
                Assert.Equal(original.Substring(span.Start, span.Length), value.Evidence.Excerpt);
                Assert.Contains(value.RawText, value.Evidence.Excerpt, StringComparison.Ordinal);
                Assert.NotEmpty(value.Evidence.SectionPath);
            }
        }
    }

    [Fact]
    public void Extract_AnySeed_OneValuePerStatedIndicatorIsUsedByAggregates()
    {
        foreach (var seed in SampleReports.All)
        {
            foreach (var group in Extract(seed).GroupBy(v => v.Indicator))
            {
                Assert.Single(group, v => v.UsedInAggregate);
            }
        }
    }
}
