using Oversight.Analysis.Indicators;

namespace Oversight.Analysis.Tests;

public class MetricExtractorTests
{
    private static IReadOnlyList<ExtractedValue> Extract(string body, IndicatorCatalog? catalog = null)
    {
        var text = "某县2025年法治政府建设年度报告\n一、主要举措和成效\n" + body + "\n";
        var reading = ReportReader.Default.Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!;
        return new MetricExtractor(catalog ?? IndicatorCatalog.Default).Extract(reading);
    }

    private static double Single(IReadOnlyList<ExtractedValue> values, string indicator) => Assert.Single(values, v => v.Indicator == indicator).Value;

    [Fact]
    public void Extract_CarriedOverAndTotalBesideTheNewCases_OnlyTheNewCasesAreReceived()
    {
        var values = Extract("行政复议去年结转5件,本年度新收47件,共计52件,其中不予受理12件、受理28件,受理后审结27件,其中纠错7件,纠错率为25.93%。");

        Assert.Equal(47, Single(values, "admin_reconsideration.received"));
        Assert.Equal(28, Single(values, "admin_reconsideration.accepted"));
        Assert.Equal(27, Single(values, "admin_reconsideration.concluded"));
        Assert.Equal(7, Single(values, "admin_reconsideration.corrected"));
        Assert.Equal(25.93, Single(values, "admin_reconsideration.correction_rate"));
        Assert.Equal(5, values.Count);
    }

    [Fact]
    public void Extract_AcceptedWithoutAReconsiderationTopic_NotAReconsiderationFigure()
    {
        var values = Extract("全年共受理法律援助案件249件。共受理审批事项100件。");

        Assert.DoesNotContain(values, v => v.Indicator.StartsWith("admin_reconsideration", StringComparison.Ordinal));
        Assert.Equal(249, Single(values, "legal_aid.cases"));
    }

    [Theory]
    [InlineData("全镇月均开展常规检查频次为3次。")]
    [InlineData("每年组织执法检查不少于4次。")]
    [InlineData("纠错率较去年同期下降21%。")]
    public void Extract_AveragesRequirementsAndChanges_NotStatedCounts(string sentence)
    {
        Assert.Empty(Extract(sentence));
    }

    [Theory]
    [InlineData("开展各类检查八百多次。", 800, "at_least")]
    [InlineData("开展执法检查约120次。", 120, "approximately")]
    [InlineData("开展执法检查近百次。", 100, "approximately")]
    [InlineData("开展执法检查300次以上。", 300, "at_least")]
    public void Extract_QualifiedFigures_QualifierKept(string sentence, double value, string qualifier)
    {
        var extracted = Assert.Single(Extract(sentence));

        Assert.Equal(("enforcement.inspections", value, qualifier), (extracted.Indicator, extracted.Value, extracted.Qualifier));
    }

    [Fact]
    public void Extract_EquivalentUnit_ReportedInTheCatalogUnitWithTheRawFigure()
    {
        var extracted = Assert.Single(Extract("化解矛盾纠纷805起。"));

        Assert.Equal(("件", "805起"), (extracted.Unit, extracted.RawText));
    }

    [Fact]
    public void Extract_ProvinceCatalogWithANewIndicator_ExtractedWithoutCodeChange()
    {
        var catalog = IndicatorCatalog.Parse("""
            version: "shanxi-1"
            indicators:
              - id: legal_training.sessions
                name: 执法培训
                unit: 期
                cues:
                  - before: '培训[^,;:。]{0,4}$'
            """);

        var extracted = Assert.Single(Extract("组织线下执法培训3期。", catalog));

        Assert.Equal(("legal_training.sessions", 3.0), (extracted.Indicator, extracted.Value));
        Assert.Equal("shanxi-1", catalog.Version);
    }

    [Theory]
    [InlineData("indicators: []", "version")]
    [InlineData("version: '1'\nindicators: []", "没有任何指标")]
    [InlineData("version: '1'\nindicators:\n  - id: Bad-Id\n    name: x\n    unit: 件\n    cues: [{before: 'x'}]", "Bad-Id")]
    [InlineData("version: '1'\nindicators:\n  - id: a.b\n    name: x\n    unit: 件\n    cues: [{before: '(x'}]", "正则表达式")]
    [InlineData("version: '1'\nindicators:\n  - id: a.b\n    name: x\n    unit: 件\n    cues: []", "cues")]
    [InlineData("version: '1'\nindicators:\n  - id: a.b\n    name: x\n    unit: 件\n    choose: median\n    cues: [{before: 'x'}]", "choose")]
    [InlineData("version: '1'\nindicators:\n  - {id: a.b, name: x, unit: 件, cues: [{before: 'x'}]}\n  - {id: a.b, name: y, unit: 件, cues: [{before: 'y'}]}",
        "重复")]
    [InlineData("version: [", "YAML")]
    public void Parse_InvalidCatalog_RefusedWithWhatToFix(string yaml, string mentioned)
    {
        var ex = Assert.Throws<IndicatorCatalogException>(() => IndicatorCatalog.Parse(yaml));

        Assert.Contains(mentioned, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("新增持证执法人员3名。", "enforcement.certified_officers")]
    [InlineData("新增法律明白人20名。", "legal_literates.count")]
    [InlineData("召开专题会议部署普法宣传各项工作20余次。", "legal_publicity.events")]
    public void Extract_IncrementsAndWorkMeetings_NotTheIndicator(string sentence, string indicator)
    {
        Assert.DoesNotContain(Extract(sentence), v => v.Indicator == indicator);
    }

    [Fact]
    public void Extract_TotalBesideAnIncrement_TotalOnly()
    {
        var values = Extract("全县持证执法人员215名,今年新增持证执法人员3名。");

        Assert.Equal(215, Single(values, "enforcement.certified_officers"));
    }

    [Theory]
    [InlineData("全年行政诉讼结案28件。", "admin_litigation.cases", 28)]
    [InlineData("办理行政应诉案件35件。", "admin_litigation.cases", 35)]
    [InlineData("抽取120份行政执法案卷完成评查。", "enforcement.case_files_reviewed", 120)]
    [InlineData("评查行政执法案卷64卷。", "enforcement.case_files_reviewed", 64)]
    [InlineData("解答群众咨询1500人次。", "legal_consultation.count", 1500)]
    [InlineData("开展法治宣讲活动36场。", "legal_publicity.events", 36)]
    [InlineData("举办法治讲座12次。", "legal_publicity.events", 12)]
    [InlineData("发放宣传册8000册。", "legal_publicity.materials", 8000)]
    [InlineData("印发《民法典》读本3000份。", "legal_publicity.materials", 3000)]
    [InlineData("审核规范性文件12件。", "normative_docs.reviewed", 12)]
    [InlineData("报送备案规范性文件9件。", "normative_docs.filed", 9)]
    [InlineData("收到法院司法建议3件,均已按期回复。", "judicial_suggestions.handled", 3)]
    public void Extract_WordingsRealReportsUse_Attributed(string sentence, string indicator, double value)
    {
        Assert.Equal(value, Single(Extract(sentence), indicator));
    }

    [Fact]
    public void Extract_ReviewedAndFiledInOneSentence_EachItsOwn()
    {
        var values = Extract("全年审核规范性文件12件,报送备案9件。");

        Assert.Equal((12.0, 9.0), (Single(values, "normative_docs.reviewed"), Single(values, "normative_docs.filed")));
    }

    [Fact]
    public void Extract_TotalAndAPart_TotalUsed()
    {
        var values = Extract("全年发放宣传资料共计12000余份,其中《民法典》手册3000册。");

        var used = Assert.Single(values, v => v.Indicator == "legal_publicity.materials" && v.UsedInAggregate);
        Assert.Equal(12000, used.Value);
    }

    [Fact]
    public void Extract_YearAndMultiYearTotals_YearTotalUsedEvenWhenSmaller()
    {
        var values = Extract("本年度新收行政复议申请47件。2021年以来累计收到行政复议申请210件。");

        var used = Assert.Single(values, v => v.Indicator == "admin_reconsideration.received" && v.UsedInAggregate);
        Assert.Equal(47, used.Value);
        Assert.Equal(2, values.Count(v => v.Indicator == "admin_reconsideration.received"));
    }

    [Fact]
    public void Default_ShippedCatalog_CoversTheVocabulary()
    {
        string[] vocabulary =
        [
            "admin_reconsideration.received", "admin_reconsideration.accepted", "admin_reconsideration.concluded",
            "admin_reconsideration.corrected", "admin_reconsideration.correction_rate", "admin_litigation.cases",
            "admin_litigation.lost", "admin_litigation.head_appearance_rate", "legal_aid.cases", "legal_consultation.count",
            "notarization.count", "mediation.screenings", "mediation.disputes_resolved", "mediation.resolution_rate",
            "normative_docs.reviewed", "normative_docs.cleaned_up", "major_decisions.count", "legal_advisers.participations",
            "enforcement.case_files_reviewed", "enforcement.inspections", "enforcement.certified_officers", "law_study.sessions",
            "legal_publicity.events", "legal_publicity.materials", "procuratorial_suggestions.count", "npc_suggestions.handled",
            "cppcc_proposals.handled", "legal_literates.count", "government_services.items_handled",
            "normative_docs.filed", "judicial_suggestions.handled",
        ];

        Assert.Equal(vocabulary.Order(), IndicatorCatalog.Default.Indicators.Select(i => i.Id).Order());
    }

    private static ReportReading Reading(string body) =>
        ReportReader.Default.Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes("某县2025年法治政府建设年度报告\n一、主要举措和成效\n" + body + "\n"))).Reading!;

    [Fact]
    public void ExtractReport_OneFigureRepeatedPastTheBound_FirstOnesAndTruncated()
    {
        var reading = Reading("全年共受理法律援助案件249件。" + string.Concat(Enumerable.Repeat("受理法律援助案件1件,", 50)));
        var extractor = new MetricExtractor(IndicatorCatalog.Default, maxFigures: 10);

        var (values, truncated) = extractor.ExtractReport(reading);

        Assert.True(truncated);
        Assert.Equal(10, values.Count(v => !TaskAreaValues.IsTaskArea(v.Indicator)));
        Assert.Equal(249, values[0].Value);
        Assert.Equal(10, extractor.Count(reading));
        Assert.Equal(10, extractor.Extract(reading).Count);
    }

    [Fact]
    public void ExtractReport_AsManyFiguresAsTheBound_NotTruncated()
    {
        var reading = Reading(string.Concat(Enumerable.Repeat("受理法律援助案件1件,", 10)));

        var (values, truncated) = new MetricExtractor(IndicatorCatalog.Default, maxFigures: 10).ExtractReport(reading);

        Assert.False(truncated);
        Assert.Equal(10, values.Count(v => !TaskAreaValues.IsTaskArea(v.Indicator)));
    }

    [Fact]
    public void ExtractReport_Cancelled_Stops()
    {
        var reading = Reading(string.Concat(Enumerable.Repeat("受理法律援助案件1件,", 10)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => MetricExtractor.Default.ExtractReport(reading, cancelled.Token));
    }

    [Fact]
    public void Constructor_NoFiguresAllowed_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricExtractor(IndicatorCatalog.Default, maxFigures: 0));
    }

    [Fact]
    public void ExtractReport_NumbersNoIndicatorClaims_ScanStopsAfterItsShare()
    {
        // 1,000 numbers with a unit but no wording of any indicator: the figures' bound alone would never be reached.
        var reading = Reading(string.Concat(Enumerable.Repeat("其他事项1件,", 1000)) + "全年共受理法律援助案件249件。");

        var bounded = new MetricExtractor(IndicatorCatalog.Default, maxFigures: 10).ExtractReport(reading);
        var unbounded = new MetricExtractor(IndicatorCatalog.Default, maxFigures: 100).ExtractReport(reading);

        Assert.True(bounded.Truncated);
        Assert.DoesNotContain(bounded.Values, v => v.Indicator == "legal_aid.cases");
        Assert.False(unbounded.Truncated);
        Assert.Contains(unbounded.Values, v => v.Indicator == "legal_aid.cases");
    }
}
