namespace Oversight.WebConsole.Html;

/// <summary>The vocabulary's identifiers as office staff read them. Unknown ones (added later) show as they are.</summary>
public static class Labels
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["SECTION_MISSING"] = "缺少法定内容",
        ["SECTION_NOT_DEDICATED"] = "法定内容仅顺带提及",
        ["SHORTFALLS_WITHOUT_CAUSES"] = "不足未分析原因",
        ["DISCLOSURE_LATE"] = "逾期公开",
        ["DISCLOSURE_DATE_UNKNOWN"] = "公开日期不明",
        ["NOT_DISCLOSED"] = "未公开报告",
        ["REPORT_YEAR_MISMATCH"] = "报告年度不符",
        ["DOCUMENT_DATED_WITHIN_REPORT_YEAR"] = "成文日期在报告年度内",
        ["LOW_QUANTITATIVE_CONTENT"] = "数据过少",
        ["SECTION_UNCERTAIN"] = "法定内容待人工核对",
        ["JURISDICTION_MISMATCH"] = "辖区与报送不符",
        ["TASK_AREA_MISSING"] = "未覆盖重点任务",
        ["TEXT_REUSED_FROM_OTHER_BODY"] = "与其他单位报告雷同",
        ["TEXT_REUSED_FROM_LAST_YEAR"] = "与上年报告雷同",
    };

    public static IReadOnlyDictionary<string, string> FindingCodes => Codes;

    public static IReadOnlyList<(string Value, string Text)> Severities { get; } = [("error", "错误"), ("warning", "警告"), ("info", "提示")];

    public static IReadOnlyList<(string Value, string Text)> Statuses { get; } = [("open", "待处理"), ("waived", "已豁免")];

    public static IReadOnlyList<(string Value, string Text)> ReportTypes { get; } =
        [("rule_of_law", "法治政府建设年度报告"), ("information_disclosure", "政府信息公开工作年度报告")];

    public static string Code(string code) => Codes.TryGetValue(code, out var name) ? $"{name}({code})" : code;

    public static string Severity(string severity) => Severities.FirstOrDefault(s => s.Value == severity).Text ?? severity;

    public static string Status(string status) => Statuses.FirstOrDefault(s => s.Value == status).Text ?? status;

    public static string Role(string role) => role switch
    {
        "city_office" => "市级法治办",
        "province_admin" => "省级管理员",
        "sweeper" => "巡检",
        "auditor" => "审计",
        "service" => "服务",
        _ => role,
    };
}
