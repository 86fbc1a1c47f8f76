namespace Oversight.Analysis.Rules;

/// <summary>The kinds of annual report the platform reads; rule packs and the section catalog say what each must contain.</summary>
public static class ReportTypes
{
    /// <summary>法治政府建设年度报告.</summary>
    public const string RuleOfLaw = "rule_of_law";

    /// <summary>政府信息公开工作年度报告.</summary>
    public const string InformationDisclosure = "information_disclosure";

    /// <summary>Every type, the default (the rule-of-law report) first.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ReportTypeCatalog.Loaded.Types.Select(t => t.Id)
        .OrderBy(id => id == ReportTypeCatalog.Loaded.Default ? 0 : 1)];

    public static string Name(string type) => ReportTypeCatalog.Loaded.Find(type).Name;

    /// <summary>Every type's section kind ids, for validating packs.</summary>
    public static IReadOnlyList<string> SectionKindIds { get; } =
        [.. ReportTypeCatalog.Loaded.Types.SelectMany(t => t.Classifier.Catalog.Kinds.Select(k => k.Kind)).Distinct()];
}
