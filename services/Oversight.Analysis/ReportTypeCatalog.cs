using Oversight.Analysis.Outline;

namespace Oversight.Analysis;

/// <summary>The report types of report-types.yaml: how a title shows each, and each one's section kinds.</summary>
public sealed class ReportTypeCatalog
{
    public int Version { get; set; }

    public string Default { get; set; } = "";

    public List<ReportTypeDefinition> Types { get; set; } = [];

    /// <summary>A link title that names a report carries one of these (报告, 情况).</summary>
    public List<string> ReportWords { get; set; } = [];

    /// <summary>A link title with one of these is a plan, notice or reading of a report, not the report.</summary>
    public List<string> NotReportWords { get; set; } = [];

    /// <summary>
    /// The report type and year a link's title names, or null when it is not a report's title: it names a type by one
    /// of its titles, a year, a report word and no word of the other notices a column holds.
    /// </summary>
    public (string Type, int Year)? ReportOfTitle(string title)
    {
        var type = Types.FirstOrDefault(t => t.Id != Default && t.Titles.Any(p => title.Contains(p, StringComparison.Ordinal)))
            ?? Types.FirstOrDefault(t => t.Id == Default && t.Titles.Any(p => title.Contains(p, StringComparison.Ordinal)));
        if (type is null || !ReportWords.Any(w => title.Contains(w, StringComparison.Ordinal)) || NotReportWords.Any(w => title.Contains(w,
            StringComparison.Ordinal)))
        {
            return null;
        }
        var year = System.Text.RegularExpressions.Regex.Match(title, @"(?<!\d)(20\d\d)\s*年");
        return year.Success ? (type.Id, int.Parse(year.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    public static ReportTypeCatalog Loaded { get; } = Load();

    /// <summary>The type whose title phrase the title contains, first in data order; the default otherwise.</summary>
    public ReportTypeDefinition Of(string title) =>
        Types.FirstOrDefault(t => t.Id != Default && t.Titles.Any(p => title.Contains(p, StringComparison.Ordinal))) ?? Find(Default);

    /// <summary>
    /// The type by the title, and when the title names no type (a page that begins mid-page, a title of place and year
    /// only) by the opening of the text: a type whose opening phrase it carries (the disclosure report's 根据《中华人民共和国
    /// 政府信息公开条例》…), unless it also names the default type (法治政府建设), which then decides.
    /// </summary>
    public ReportTypeDefinition Of(string title, string opening)
    {
        var defaultType = Find(Default);
        var titled = Types.FirstOrDefault(t => t.Titles.Any(p => title.Contains(p, StringComparison.Ordinal)));
        if (titled is not null)
        {
            return titled.Id == Default ? defaultType : Of(title);
        }
        var start = opening.Length > OpeningLength ? opening[..OpeningLength] : opening;
        if (defaultType.Titles.Any(p => start.Contains(p, StringComparison.Ordinal)))
        {
            return defaultType;
        }
        return Types.FirstOrDefault(t => t.Id != Default && t.Openings.Any(p => start.Contains(p, StringComparison.Ordinal))) ?? defaultType;
    }

    private const int OpeningLength = 400;

    public ReportTypeDefinition Find(string id) => Types.FirstOrDefault(t => t.Id == id) ?? Types.First(t => t.Id == Default);

    private static ReportTypeCatalog Load()
    {
        var catalog = EmbeddedData.Load<ReportTypeCatalog>("report-types.yaml");
        foreach (var type in catalog.Types)
        {
            var kinds = type.SectionKinds == "section-kinds.yaml" ? SectionKindCatalog.Default : EmbeddedData.Load<SectionKindCatalog>(type.SectionKinds);
            type.Classifier = kinds == SectionKindCatalog.Default ? SectionClassifier.Default : new SectionClassifier(kinds);
            CheckNamed(kinds, type.SectionKinds);
        }
        return catalog;
    }

    // Findings name a missing section by its kind's name; without one they would show the bare id.
    internal static void CheckNamed(SectionKindCatalog kinds, string file)
    {
        if (kinds.Kinds.FirstOrDefault(k => k.Name.Length == 0) is { } unnamed)
        {
            throw new InvalidOperationException($"{file}: section kind '{unnamed.Kind}' has no name.");
        }
    }
}

public sealed class ReportTypeDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Titles { get; set; } = [];

    /// <summary>Phrases the opening of a report of this type carries, for pages whose title does not name the type.</summary>
    public List<string> Openings { get; set; } = [];

    /// <summary>The section kind file of this type.</summary>
    public string SectionKinds { get; set; } = "";

    /// <summary>The type's section kinds, as the outline classifies headings with them.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public SectionClassifier Classifier { get; internal set; } = SectionClassifier.Default;
}
