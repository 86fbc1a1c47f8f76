using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Metrics.Indicators;

/// <summary>
/// ListIndicators: everything metrics stores a value for, described for the caller — the catalog's figures, the
/// implementation outline's task areas (1 per report that covers one) and the disclosure reports' table rows, each
/// described by its data file (indicators.yaml, task-areas.yaml, disclosure-tables.yaml). Built once: all three
/// catalogs are fixed for the life of the process.
/// </summary>
public sealed class IndicatorListing(IndicatorCatalog catalog)
{
    private readonly Lazy<ListIndicatorsResponse> _listing = new(() => Build(catalog));

    public ListIndicatorsResponse List() => _listing.Value.Clone();

    private static ListIndicatorsResponse Build(IndicatorCatalog catalog)
    {
        var response = new ListIndicatorsResponse { CatalogVersion = catalog.Version };
        foreach (var definition in catalog.Indicators)
        {
            var indicator = new Indicator { Id = definition.Id, Name = definition.Name, Unit = definition.Unit, Description = definition.Description };
            indicator.Patterns.AddRange(definition.Patterns);
            response.Indicators.Add(indicator);
        }
        var areas = TaskAreaCatalog.Default;
        foreach (var area in areas.Areas)
        {
            var indicator = new Indicator
            {
                Id = TaskAreaValues.IndicatorOf(area.Id), Name = areas.Indicator.NamePrefix + area.Name, Unit = TaskAreaValues.Unit,
                Description = areas.Indicator.Description,
            };
            indicator.Patterns.AddRange(area.Cues);
            response.Indicators.Add(indicator);
        }
        // Two templates' rows may fill one indicator (规范性文件 in 2019's, 行政规范性文件 in 2021's): it is listed once,
        // with the first row's wording and every row's label.
        foreach (var row in TableFigureCatalog.Default.Rows)
        {
            var indicator = response.Indicators.FirstOrDefault(i => i.Id == row.Indicator);
            if (indicator is null)
            {
                indicator = new Indicator { Id = row.Indicator, Name = row.Name, Unit = row.Unit, Description = row.Description };
                response.Indicators.Add(indicator);
            }
            if (row.Label.Length > 0 && !indicator.Patterns.Contains(row.Label))
            {
                indicator.Patterns.Add(row.Label);
            }
        }
        return response;
    }
}
