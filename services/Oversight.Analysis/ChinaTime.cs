namespace Oversight.Analysis;

/// <summary>China Standard Time (UTC+8, no daylight saving): the clock of every date reports, deadlines and sweeps speak of.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant on China's clock.</summary>
    public static DateTimeOffset ToChina(this DateTimeOffset instant) => instant.ToOffset(Offset);
}
