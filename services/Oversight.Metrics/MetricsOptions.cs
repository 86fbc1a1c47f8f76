namespace Oversight.Metrics;

/// <summary>The "Metrics" configuration section.</summary>
public sealed class MetricsOptions
{
    /// <summary>Where reports are fetched from (the ingestion service), e.g. http://127.0.0.1:5101.</summary>
    public string? Ingestion { get; set; }

    /// <summary>Deadline of each call to ingestion.</summary>
    public TimeSpan IngestionCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A province's own indicator catalog (YAML); empty for the shipped one.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>How often reports analysed with an older catalog are looked for and re-analysed.</summary>
    public TimeSpan ReanalysisInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reports re-analysed per round.</summary>
    public int ReanalysisBatchSize { get; set; } = 200;

    /// <summary>
    /// The most figures stored for one report (its task areas come on top, one per area). A report stating more keeps its
    /// first ones in the text; the rest are not read, and the truncation is logged and counted
    /// (<c>oversight.analysis.truncated</c>). The default keeps a report's GetReportMetrics answer under 4 MB.
    /// </summary>
    public int MaxFiguresPerReport { get; set; } = global::Oversight.Analysis.Indicators.MetricExtractor.DefaultMaxFigures;
}
