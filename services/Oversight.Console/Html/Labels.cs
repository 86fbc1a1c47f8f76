using Oversight.Analysis.Rules;
using Oversight.Vocabulary;
using ReportTypeIds = Oversight.Analysis.Rules.ReportTypes;

namespace Oversight.WebConsole.Html;

/// <summary>The vocabulary's identifiers as office staff read them. Unknown ones (added later) show as they are.</summary>
public static class Labels
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        [RuleVocabulary.SectionMissing] = "缺少法定内容",
        [RuleVocabulary.SectionNotDedicated] = "法定内容仅顺带提及",
        [RuleVocabulary.ShortfallsWithoutCauses] = "不足未分析原因",
        [RuleVocabulary.DisclosureLate] = "逾期公开",
        [RuleVocabulary.DisclosureDateUnknown] = "公开日期不明",
        [RuleVocabulary.NotDisclosed] = "未公开报告",
        [RuleVocabulary.ReportYearMismatch] = "报告年度不符",
        [RuleVocabulary.DocumentDatedWithinReportYear] = "成文日期在报告年度内",
        [RuleVocabulary.LowQuantitativeContent] = "数据过少",
        [RuleVocabulary.SectionUncertain] = "法定内容待人工核对",
        [RuleVocabulary.JurisdictionMismatch] = "辖区与报送不符",
        [RuleVocabulary.TaskAreaMissing] = "未覆盖重点任务",
        [RuleVocabulary.PageDateAfterFirstSeen] = "页面日期晚于首次发现",
        [RuleVocabulary.ReportChangedAfterDeadline] = "截止日期后修改报告",
        [RuleVocabulary.TextReusedFromOtherBody] = "与其他单位报告雷同",
        [RuleVocabulary.TextReusedFromLastYear] = "与上年报告雷同",
    };

    public static IReadOnlyDictionary<string, string> FindingCodes => Codes;

    public static IReadOnlyList<(string Value, string Text)> Severities { get; } =
        [(RuleVocabulary.Error, "错误"), (RuleVocabulary.Warning, "警告"), (RuleVocabulary.Info, "提示")];

    public static IReadOnlyList<(string Value, string Text)> Statuses { get; } = [(FindingStatus.Open, "待处理"), (FindingStatus.Waived, "已豁免")];

    public static IReadOnlyList<(string Value, string Text)> ReportTypes { get; } =
        [(ReportTypeIds.RuleOfLaw, "法治政府建设年度报告"), (ReportTypeIds.InformationDisclosure, "政府信息公开工作年度报告")];

    public static string Code(string code) => Codes.TryGetValue(code, out var name) ? $"{name}({code})" : code;

    public static string Severity(string severity) => Severities.FirstOrDefault(s => s.Value == severity).Text ?? severity;

    public static string Status(string status) => Statuses.FirstOrDefault(s => s.Value == status).Text ?? status;

    public static IReadOnlyList<(string Value, string Text)> Roles { get; } =
    [
        (RoleNames.CityOffice, "市级法治办"), (RoleNames.ProvinceAdmin, "省级管理员"), (RoleNames.Sweeper, "巡检"), (RoleNames.Auditor, "审计"),
        (RoleNames.Service, "服务"),
    ];

    public static string Role(string role) => Roles.FirstOrDefault(r => r.Value == role).Text ?? role;
}
