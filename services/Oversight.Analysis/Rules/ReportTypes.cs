namespace Oversight.Analysis.Rules;

/// <summary>The kinds of annual report the platform reads; rule packs and the section catalog say what each must contain.</summary>
public static class ReportTypes
{
    /// <summary>法治政府建设年度报告.</summary>
    public const string RuleOfLaw = "rule_of_law";

    /// <summary>政府信息公开工作年度报告.</summary>
    public const string InformationDisclosure = "information_disclosure";

    public static IReadOnlyList<string> All { get; } = [RuleOfLaw, InformationDisclosure];

    public static string Name(string type) => type == InformationDisclosure ? "政府信息公开工作年度报告" : "法治政府建设年度报告";
}
