using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Indicators;

/// <summary>
/// Task-area coverage as values beside the figures: "task_area.digital_government" = 1 when the report's measures cover
/// the area, with the first sentence that shows it. Stored and aggregated like any indicator, so "how many counties of
/// 大同市 report nothing on 数字法治政府" is an aggregate by parent (its reports not stating the value).
/// </summary>
public static class TaskAreaValues
{
    public const string Prefix = "task_area.";

    public const string Unit = "项";

    public static string IndicatorOf(string areaId) => Prefix + areaId;

    public static bool IsTaskArea(string indicator) => indicator.StartsWith(Prefix, StringComparison.Ordinal);

    public static IReadOnlyList<ExtractedValue> From(IReadOnlyList<TaskAreaCoverage> coverage) =>
        [.. coverage.Where(c => c.Covered).Select(c => new ExtractedValue(IndicatorOf(c.Id), 1, null, Unit, "exact", c.Name, c.Evidence[0], true))];
}
