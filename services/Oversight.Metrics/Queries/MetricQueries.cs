using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Metrics.V1;
using Oversight.Mapping;
using Oversight.Metrics.Storage;

namespace Oversight.Metrics.Queries;

/// <summary>
/// The tables the metrics service answers with, built from the store's sums and series: every group gets a row per
/// indicator (zero and "not stating" where no report stated it), and year series name the change between stated years.
/// </summary>
public sealed class MetricQueries(MetricStore store, IndicatorCatalog catalog, JurisdictionRegistry registry)
{
    /// <summary>
    /// The aggregate table over <paramref name="scope"/> for the groups of <paramref name="page"/>, in rows or in groups;
    /// an empty one when the scope is null (outside the caller's). More is the key to continue after when the page
    /// was full and further groups may follow.
    /// </summary>
    public async Task<(QueryAggregatesResponse Table, string? More)> AggregatesAsync(ValueScope? scope, Grouping grouping, AggregateLayout layout,
        GroupPage page, CancellationToken cancellationToken)
    {
        var response = new QueryAggregatesResponse { CatalogVersion = catalog.Version };
        if (scope is null)
        {
            return (response, null);
        }
        // One group past the page says whether another page follows.
        var (sums, counts) = await store.AggregateAsync(scope, grouping, page.Limit > 0 ? page with { Limit = page.Limit + 1 } : page, cancellationToken);
        var indicators = scope.Indicators.Count > 0 ? scope.Indicators : catalog.Indicators.Select(i => i.Id).ToList();
        var groups = counts.OrderBy(c => c.GroupKey, StringComparer.Ordinal).ToList();
        var more = page.Limit > 0 && groups.Count > page.Limit ? groups[page.Limit - 1].GroupKey : null;
        if (more is not null)
        {
            groups.RemoveRange(page.Limit, groups.Count - page.Limit);
        }
        var stated = Cells(sums, groups, indicators);
        response.Indicators.AddRange(indicators);
        response.Units.AddRange(indicators.Select(i => StoredIndicators.UnitOf(catalog, i) ?? ""));
        AddGroups(response, grouping, groups, stated, indicators.Count);
        if (layout == AggregateLayout.Groups)
        {
            return (response, more);
        }
        var rows = new QueryAggregatesResponse { CatalogVersion = catalog.Version };
        AggregateMessages.AddRows(response, rows.Rows);
        return (rows, more);
    }

    private void AddGroups(QueryAggregatesResponse response, Grouping grouping, List<GroupCount> groups, AggregateSums?[] stated, int indicatorCount)
    {
        response.Groups.Capacity = groups.Count;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = new AggregateGroup { GroupKey = groups[g].GroupKey, GroupLabel = Label(grouping, groups[g].GroupKey), Reports = groups[g].Reports };
            group.ReportsStating.Capacity = group.Sums.Capacity = group.Mins.Capacity = group.Maxes.Capacity = indicatorCount;
            for (var i = 0; i < indicatorCount; i++)
            {
                var sum = stated[g * indicatorCount + i];
                group.ReportsStating.Add(sum?.Stating ?? 0);
                group.Sums.Add(sum?.Total ?? 0);
                group.Mins.Add(sum?.Smallest ?? 0);
                group.Maxes.Add(sum?.Largest ?? 0);
            }
            response.Groups.Add(group);
        }
    }

    /// <summary>One series per indicator over the years asked for (or those recorded when a bound is open).</summary>
    public async Task<CompareYearsResponse> CompareYearsAsync(string jurisdictionCode, int fromYear, int toYear, IReadOnlyCollection<string> indicators,
        CancellationToken cancellationToken)
    {
        var (recorded, values) = await store.YearsAsync(jurisdictionCode, fromYear, toYear, cancellationToken);
        var response = new CompareYearsResponse { JurisdictionCode = jurisdictionCode };
        if (recorded.Count == 0 && (fromYear == 0 || toYear == 0))
        {
            return response;
        }
        var first = fromYear != 0 ? fromYear : recorded[0];
        var last = toYear != 0 ? toYear : recorded[^1];
        var years = Enumerable.Range(first, last - first + 1).ToList();
        response.Years.AddRange(years);
        var wanted = indicators.Count > 0 ? indicators.ToList() : values.Select(v => v.Indicator).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var indicator in wanted)
        {
            var byYear = values.Where(v => v.Indicator == indicator).ToDictionary(v => v.ReportYear);
            var series = new IndicatorSeries { Indicator = indicator, Unit = StoredIndicators.UnitOf(catalog, indicator) ?? "" };
            ValueRow? previous = null;
            foreach (var year in years)
            {
                var point = new YearPoint { Year = year };
                if (byYear.TryGetValue(year, out var value))
                {
                    point.Stated = true;
                    point.Value = value.Value;
                    point.Qualifier = value.Qualifier;
                    if (previous is not null)
                    {
                        point.Change = value.Value - previous.Value;
                        point.ChangeKnown = true;
                    }
                    previous = value;
                }
                series.Points.Add(point);
            }
            response.Series.Add(series);
        }
        return response;
    }

    // The sums laid out group by group in the table's order, one slot per indicator (the scope names each once): a
    // country-wide table by parent is ~100,000 cells, too many for a dictionary keyed by (group, indicator).
    private static AggregateSums?[] Cells(IReadOnlyList<AggregateSums> sums, IReadOnlyList<GroupCount> groups, IReadOnlyList<string> indicators)
    {
        var groupSlots = new Dictionary<string, int>(groups.Count, StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            groupSlots[groups[g].GroupKey] = g;
        }
        var indicatorSlots = new Dictionary<string, int>(indicators.Count, StringComparer.Ordinal);
        for (var i = 0; i < indicators.Count; i++)
        {
            indicatorSlots[indicators[i]] = i;
        }
        var cells = new AggregateSums?[groups.Count * indicators.Count];
        foreach (var sum in sums)
        {
            if (groupSlots.TryGetValue(sum.GroupKey, out var g) && indicatorSlots.TryGetValue(sum.Indicator, out var i))
            {
                cells[g * indicators.Count + i] = sum;
            }
        }
        return cells;
    }

    private string Label(Grouping grouping, string key) => grouping switch
    {
        Grouping.Jurisdiction or Grouping.Parent => registry.Find(key)?.Name ?? key,
        Grouping.Level => key switch
        {
            JurisdictionLevels.Province => "省级",
            JurisdictionLevels.City => "市级",
            JurisdictionLevels.County => "县级",
            JurisdictionLevels.Township => "乡镇级",
            JurisdictionLevels.Department => "部门",
            _ => key,
        },
        Grouping.Year => key + "年",
        _ => "全部",
    };
}
