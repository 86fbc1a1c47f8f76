using Google.Protobuf.Collections;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Mapping;

/// <summary>How an aggregate answer in groups reads in rows, for the metrics service's ROWS layout and the command line.</summary>
public static class AggregateMessages
{
    /// <summary>One row per group and indicator of <paramref name="groups"/>, in its order, added to <paramref name="rows"/>.</summary>
    public static void AddRows(QueryAggregatesResponse groups, RepeatedField<AggregateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(rows);
        rows.Capacity = rows.Count + groups.Groups.Count * groups.Indicators.Count;
        foreach (var group in groups.Groups)
        {
            for (var i = 0; i < groups.Indicators.Count; i++)
            {
                var stating = group.ReportsStating[i];
                rows.Add(new AggregateRow
                {
                    GroupKey = group.GroupKey,
                    GroupLabel = group.GroupLabel,
                    Indicator = groups.Indicators[i],
                    Unit = groups.Units[i],
                    Sum = group.Sums[i],
                    Min = group.Mins[i],
                    Max = group.Maxes[i],
                    Mean = stating == 0 ? 0 : group.Sums[i] / stating,
                    ReportsStating = stating,
                    ReportsNotStating = Math.Max(0, group.Reports - stating),
                });
            }
        }
    }
}
