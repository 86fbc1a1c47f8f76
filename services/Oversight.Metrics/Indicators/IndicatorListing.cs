using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Metrics.Indicators;

/// <summary>
/// ListIndicators: everything metrics stores a value for, described for the caller — the catalog's figures, the
/// implementation outline's task areas (1 per report that covers one) and the disclosure reports' table rows.
/// Built once: all three catalogs are fixed for the life of the process.
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
        foreach (var area in TaskAreaCatalog.Default.Areas)
        {
            var indicator = new Indicator
            {
                Id = TaskAreaValues.IndicatorOf(area.Id), Name = "任务领域:" + area.Name, Unit = TaskAreaValues.Unit,
                Description = "1 = 报告的主要举措涉及法治政府建设实施纲要(2021—2025年)的这一任务领域(证据为所在句子);未涉及则无值",
            };
            indicator.Patterns.AddRange(area.Cues);
            response.Indicators.Add(indicator);
        }
        var tables = TableFigureCatalog.Default;
        foreach (var row in tables.Rows)
        {
            var which = row.Label.Length > 0 ? $"「{row.Label}」一行" : $"仅含数字、至少 {row.MinNumbers} 列的一行";
            var indicator = new Indicator
            {
                Id = row.Indicator, Name = row.Name, Unit = row.Unit,
                Description = $"{Oversight.Analysis.Rules.ReportTypes.Name(tables.ReportType)}统计表:{which}"
                    + (row.Column < 0 ? "的总计(最后一列)" : $"的第 {row.Column} 个数字"),
            };
            if (row.Label.Length > 0)
            {
                indicator.Patterns.Add(row.Label);
            }
            response.Indicators.Add(indicator);
        }
        return response;
    }
}
