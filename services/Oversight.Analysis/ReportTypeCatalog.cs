using Oversight.Analysis.Outline;

namespace Oversight.Analysis;

/// <summary>The report types of report-types.yaml: how a title shows each, and each one's section kinds.</summary>
public sealed class ReportTypeCatalog
{
    public int Version { get; set; }

    public string Default { get; set; } = "";

    public List<ReportTypeDefinition> Types { get; set; } = [];

    public static ReportTypeCatalog Loaded { get; } = Load();

    /// <summary>The type whose title phrase the title contains, first in data order; the default otherwise.</summary>
    public ReportTypeDefinition Of(string title) =>
        Types.FirstOrDefault(t => t.Id != Default && t.Titles.Any(p => title.Contains(p, StringComparison.Ordinal))) ?? Find(Default);

    public ReportTypeDefinition Find(string id) => Types.FirstOrDefault(t => t.Id == id) ?? Types.First(t => t.Id == Default);

    private static ReportTypeCatalog Load()
    {
        var catalog = EmbeddedData.Load<ReportTypeCatalog>("report-types.yaml");
        foreach (var type in catalog.Types)
        {
            var kinds = type.SectionKinds == "section-kinds.yaml" ? SectionKindCatalog.Default : EmbeddedData.Load<SectionKindCatalog>(type.SectionKinds);
            type.Classifier = kinds == SectionKindCatalog.Default ? SectionClassifier.Default : new SectionClassifier(kinds);
        }
        return catalog;
    }
}

public sealed class ReportTypeDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Titles { get; set; } = [];

    /// <summary>The section kind file of this type.</summary>
    public string SectionKinds { get; set; } = "";

    /// <summary>The type's section kinds, as the outline classifies headings with them.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public SectionClassifier Classifier { get; internal set; } = SectionClassifier.Default;
}
