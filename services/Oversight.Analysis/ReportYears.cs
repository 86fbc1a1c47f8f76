namespace Oversight.Analysis;

/// <summary>
/// The years a report, a filter, a pack or a sweep may name, written once: the platform reads reports of 2000 to 2100
/// (the duty to report began in 2019; earlier years are old pages), and 0 means "any" or "read it from the text".
/// </summary>
public static class ReportYears
{
    public const int First = 2000;

    public const int Last = 2100;

    /// <summary>As the refusals say it: "2000–2100".</summary>
    public const string Range = "2000–2100";

    public static bool IsValid(int year) => year is >= First and <= Last;

    /// <summary>0 (any) or a valid year.</summary>
    public static bool IsValidOrAny(int year) => year == 0 || IsValid(year);

    /// <summary>The earliest time a report may carry (published_at): the start of <see cref="First"/>, in Unix seconds.</summary>
    public static readonly long EarliestTime = new DateTimeOffset(First, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>The latest time a report may carry (published_at): the start of <see cref="Last"/>, in Unix seconds.</summary>
    public static readonly long LatestTime = new DateTimeOffset(Last, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
}
