using Oversight.Analysis.Indicators;

namespace Oversight.Analysis.Tests;

/// <summary>Every indicator of the catalog read from at least three wordings reports use, each in a sentence of its own.</summary>
public class IndicatorWordingTests
{
    public static TheoryData<string, string, double> Wordings() => new()
    {
        { "全年新收行政复议申请47件。", "admin_reconsideration.received", 47 },
        { "共收到行政复议申请120件。", "admin_reconsideration.received", 120 },
        { "县政府行政复议机构接收行政复议案件33件。", "admin_reconsideration.received", 33 },
        { "行政复议案件受理28件。", "admin_reconsideration.accepted", 28 },
        { "依法受理行政复议申请65件。", "admin_reconsideration.accepted", 65 },
        { "行政复议机关全年受理案件19起。", "admin_reconsideration.accepted", 19 },
        { "行政复议案件审结27件。", "admin_reconsideration.concluded", 27 },
        { "办结行政复议案件40件。", "admin_reconsideration.concluded", 40 },
        { "行政复议结案31件。", "admin_reconsideration.concluded", 31 },
        { "行政复议纠错7件。", "admin_reconsideration.corrected", 7 },
        { "通过行政复议撤销违法行政行为5件。", "admin_reconsideration.corrected", 5 },
        { "行政复议确认违法2件。", "admin_reconsideration.corrected", 2 },
        { "行政复议纠错率为25.93%。", "admin_reconsideration.correction_rate", 25.93 },
        { "直接纠错率达到18%。", "admin_reconsideration.correction_rate", 18 },
        { "综合纠错率12.5%。", "admin_reconsideration.correction_rate", 12.5 },
        { "办理行政应诉案件35件。", "admin_litigation.cases", 35 },
        { "全年行政诉讼案件42件。", "admin_litigation.cases", 42 },
        { "行政诉讼结案28件。", "admin_litigation.cases", 28 },
        { "行政诉讼案件败诉3件。", "admin_litigation.lost", 3 },
        { "行政应诉案件中败诉2起。", "admin_litigation.lost", 2 },
        { "一审行政诉讼败诉案件4件。", "admin_litigation.lost", 4 },
        { "行政机关负责人出庭应诉率100%。", "admin_litigation.head_appearance_rate", 100 },
        { "负责人出庭应诉率达到95.6%。", "admin_litigation.head_appearance_rate", 95.6 },
        { "行政机关负责人出庭应诉率同口径为92%。", "admin_litigation.head_appearance_rate", 92 },
        { "办理法律援助案件249件。", "legal_aid.cases", 249 },
        { "受理法律援助案件86件。", "legal_aid.cases", 86 },
        { "全年法律援助案件共计132件。", "legal_aid.cases", 132 },
        { "提供法律咨询2997人次。", "legal_consultation.count", 2997 },
        { "解答群众咨询1500人次。", "legal_consultation.count", 1500 },
        { "接待来访咨询群众860人次。", "legal_consultation.count", 860 },
        { "办理公证1460件。", "notarization.count", 1460 },
        { "全年办理公证事项42件。", "notarization.count", 42 },
        { "公证处出具公证书380件。", "notarization.count", 380 },
        { "排查矛盾纠纷326次。", "mediation.screenings", 326 },
        { "开展矛盾纠纷排查48次。", "mediation.screenings", 48 },
        { "组织矛盾纠纷大排查12次。", "mediation.screenings", 12 },
        { "化解矛盾纠纷805起。", "mediation.disputes_resolved", 805 },
        { "调解矛盾纠纷298件。", "mediation.disputes_resolved", 298 },
        { "调处各类纠纷186件。", "mediation.disputes_resolved", 186 },
        { "矛盾纠纷化解率达到98%。", "mediation.resolution_rate", 98 },
        { "调解成功率97.5%。", "mediation.resolution_rate", 97.5 },
        { "调处成功率为96%。", "mediation.resolution_rate", 96 },
        { "审核规范性文件12件。", "normative_docs.reviewed", 12 },
        { "审查行政规范性文件16件。", "normative_docs.reviewed", 16 },
        { "规范性文件合法性审核9件。", "normative_docs.reviewed", 9 },
        { "报送备案规范性文件9件。", "normative_docs.filed", 9 },
        { "规范性文件报市政府备案14件。", "normative_docs.filed", 14 },
        { "向县人大常委会报备规范性文件6件。", "normative_docs.filed", 6 },
        { "清理规范性文件43件。", "normative_docs.cleaned_up", 43 },
        { "清理涉企规范性文件28件。", "normative_docs.cleaned_up", 28 },
        { "集中清理政府规章和文件15件。", "normative_docs.cleaned_up", 15 },
        { "作出重大行政决策事项9项。", "major_decisions.count", 9 },
        { "审议重大决策12项。", "major_decisions.count", 12 },
        { "全年重大行政决策7件。", "major_decisions.count", 7 },
        { "法律顾问参与审核各类事项230次。", "legal_advisers.participations", 230 },
        { "县政府法律顾问参与重大行政决策论证36次。", "legal_advisers.participations", 36 },
        { "法律顾问全程参与政府合同审查58件。", "legal_advisers.participations", 58 },
        { "评查行政执法案卷64卷。", "enforcement.case_files_reviewed", 64 },
        { "抽取120份行政执法案卷完成评查。", "enforcement.case_files_reviewed", 120 },
        { "开展案卷评查180份。", "enforcement.case_files_reviewed", 180 },
        { "开展执法检查560次。", "enforcement.inspections", 560 },
        { "开展联合执法检查210次。", "enforcement.inspections", 210 },
        { "开展生态环境执法检查1260次。", "enforcement.inspections", 1260 },
        { "全县持证执法人员896人。", "enforcement.certified_officers", 896 },
        { "组织28名执法人员申领执法证件。", "enforcement.certified_officers", 28 },
        { "取得执法资格证的人员达到215名。", "enforcement.certified_officers", 215 },
        { "区政府常务会议专题学法12次。", "law_study.sessions", 12 },
        { "组织领导干部集中学习习近平法治思想6次。", "law_study.sessions", 6 },
        { "县委理论学习中心组学法4场次。", "law_study.sessions", 4 },
        { "开展普法宣传活动24场。", "legal_publicity.events", 24 },
        { "开展“法律七进”活动65场次。", "legal_publicity.events", 65 },
        { "举办法治讲座12次。", "legal_publicity.events", 12 },
        { "发放普法宣传资料6000份。", "legal_publicity.materials", 6000 },
        { "发放宣传册8000册。", "legal_publicity.materials", 8000 },
        { "印发《民法典》读本3000份。", "legal_publicity.materials", 3000 },
        { "收到检察建议11件。", "procuratorial_suggestions.count", 11 },
        { "办理检察建议8件。", "procuratorial_suggestions.count", 8 },
        { "检察建议回复率100%,共回复检察建议5份。", "procuratorial_suggestions.count", 5 },
        { "办理人大代表建议286件。", "npc_suggestions.handled", 286 },
        { "承办人大代表建议42条。", "npc_suggestions.handled", 42 },
        { "全年办结人大代表建议及意见132件。", "npc_suggestions.handled", 132 },
        { "办理政协提案341件。", "cppcc_proposals.handled", 341 },
        { "承办政协委员提案65件。", "cppcc_proposals.handled", 65 },
        { "办结政协提案及建议27条。", "cppcc_proposals.handled", 27 },
        { "培育法律明白人152名。", "legal_literates.count", 152 },
        { "全镇法律明白人达到186名。", "legal_literates.count", 186 },
        { "培养310名“法律明白人”。", "legal_literates.count", 310 },
        { "全年政务服务办件量15.8万件。", "government_services.items_handled", 158000 },
        { "政务服务中心办件21600件。", "government_services.items_handled", 21600 },
        { "受理行政审批事项3200件。", "government_services.items_handled", 3200 },
        { "收到法院司法建议3件。", "judicial_suggestions.handled", 3 },
        { "办理司法建议6件。", "judicial_suggestions.handled", 6 },
        { "回复人民法院司法建议4份。", "judicial_suggestions.handled", 4 },
    };

    [Theory]
    [MemberData(nameof(Wordings))]
    public void Extract_Wording_TheIndicatorOnly(string sentence, string indicator, double value)
    {
        var text = "某县2025年法治政府建设年度报告\n一、主要举措和成效\n" + sentence + "\n";
        var reading = ReportReader.Default.Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!;

        var values = MetricExtractor.Default.Extract(reading).Where(v => v.Indicator == indicator).Select(v => v.Value);

        Assert.Equal([value], values);
    }

    [Fact]
    public void Wordings_EveryCatalogIndicator_AtLeastThreeDistinct()
    {
        var counts = Wordings().Select(row => (string)row[1]).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(IndicatorCatalog.Default.Indicators, i => Assert.True(counts.GetValueOrDefault(i.Id) >= 3, $"{i.Id}: {counts.GetValueOrDefault(i.Id)}"));
    }
}
