namespace Oversight.Analysis.Indicators;

// The YAML shape of Data/indicators.yaml; compiled into IndicatorCatalog.
internal sealed class IndicatorCatalogFile
{
    public string Version { get; set; } = "";

    public List<string> Excludes { get; set; } = [];

    public List<string> Parts { get; set; } = [];

    public List<string> MultiYear { get; set; } = [];

    public List<IndicatorEntry> Indicators { get; set; } = [];
}

internal sealed class IndicatorEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string Unit { get; set; } = "";

    public List<string> Units { get; set; } = [];

    public string Choose { get; set; } = IndicatorDefinition.ChooseLargest;

    public List<string> Topics { get; set; } = [];

    public List<string> Excludes { get; set; } = [];

    public List<CueEntry> Cues { get; set; } = [];
}

internal sealed class CueEntry
{
    public string? Before { get; set; }

    public string? After { get; set; }

    public List<string> Topics { get; set; } = [];
}
