namespace Oversight.Analysis.Numbers;

/// <summary>
/// A figure as a report states it: "47件", "八百多次" (800, at_least), "近百次" (100, approximately),
/// "2万余份", "25.93%", "3至5场". Offsets are in the text that was scanned.
/// </summary>
public sealed record Figure(double Value, double? Upper, string Qualifier, string Unit, int Start, int Length, string Raw)
{
    public const string Exact = "exact";
    public const string AtLeast = "at_least";
    public const string Approximately = "approximately";

    public int End => Start + Length;
}
