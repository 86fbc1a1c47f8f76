namespace Oversight.Watching;

internal static partial class WatchingLog
{
    [LoggerMessage(300, LogLevel.Warning, "Portal host {Host} failed {Failures} times in a row ({Error}); not asked again before {RetryAfter}")]
    public static partial void HostFailing(ILogger logger, string host, int failures, string error, DateTimeOffset retryAfter);

    [LoggerMessage(301, LogLevel.Information,
        "Watch pass {PassId} {Status}: {Columns} columns, {Found} reports found, {Submitted} submitted, {Fetched} fetched, "
        + "{NotModified} not modified, {Failed} failed")]
    public static partial void PassEnded(ILogger logger, string passId, string status, int columns, int found, int submitted, int fetched, int notModified,
        int failed);

    [LoggerMessage(302, LogLevel.Information, "Ingestion refused {Url} ({Reason}): {Message}")]
    public static partial void Rejected(ILogger logger, string url, string reason, string message);

    [LoggerMessage(303, LogLevel.Error, "Watch pass {PassId} failed")]
    public static partial void PassFailed(ILogger logger, Exception exception, string passId);

    [LoggerMessage(304, LogLevel.Warning, "Fetching {Url} failed ({Reason}): {Message}")]
    public static partial void FetchFailed(ILogger logger, string url, string reason, string message);

    [LoggerMessage(305, LogLevel.Warning, "Submitting {Url} to ingestion failed ({Reason}): {Message}; submitted again next pass")]
    public static partial void SubmitFailed(ILogger logger, string url, string reason, string message);
}
