namespace Oversight.Metrics;

internal static partial class MetricsLog
{
    [LoggerMessage(200, LogLevel.Information, "Re-analysed {Count} reports with indicator catalog {Version}")]
    public static partial void Reanalysed(ILogger logger, int count, string version);

    [LoggerMessage(201, LogLevel.Warning, "Ingestion is unavailable; {Count} reports wait for re-analysis")]
    public static partial void ReanalysisWaiting(ILogger logger, int count);

    [LoggerMessage(202, LogLevel.Warning, "Report {ReportId} revision {Revision} could not be re-analysed: {Detail}")]
    public static partial void ReanalysisSkipped(ILogger logger, string reportId, int revision, string detail);

    [LoggerMessage(203, LogLevel.Error, "A re-analysis round failed; retrying at the next interval")]
    public static partial void ReanalysisRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(204, LogLevel.Information, "Indicator catalog {Version} with {Count} indicators loaded from {Source}")]
    public static partial void CatalogLoaded(ILogger logger, string version, int count, string source);

    [LoggerMessage(205, LogLevel.Warning,
        "Report {ReportId} revision {Revision} states more than {Max} figures: its first {Max} are stored, the rest not read (Metrics:MaxFiguresPerReport)")]
    public static partial void FiguresTruncated(ILogger logger, string reportId, int revision, int max);
}
