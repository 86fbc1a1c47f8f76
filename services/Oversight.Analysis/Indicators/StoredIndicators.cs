namespace Oversight.Analysis.Indicators;

/// <summary>
/// Every indicator id the metrics service stores: the catalog's, the task areas' (task_area.*) and the statistics
/// tables' (disclosure.*), with each one's unit.
/// </summary>
public static class StoredIndicators
{
    public static string? UnitOf(IndicatorCatalog catalog, string indicator)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.ById.TryGetValue(indicator, out var definition) ? definition.Unit
            : TaskAreaValues.IsTaskArea(indicator) && TaskAreaCatalog.Default.Areas.Any(a => TaskAreaValues.IndicatorOf(a.Id) == indicator)
                ? TaskAreaValues.Unit
            : TableFigureCatalog.Default.Rows.FirstOrDefault(r => r.Indicator == indicator)?.Unit;
    }

    public static bool IsKnown(IndicatorCatalog catalog, string indicator) => UnitOf(catalog, indicator) is not null;
}
