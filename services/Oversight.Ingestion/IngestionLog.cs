namespace Oversight.Ingestion;

internal static partial class IngestionLog
{
    [LoggerMessage(100, LogLevel.Warning, "Delivering {Target} notification for report {ReportId} revision {Revision} failed (attempt {Attempt}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string target, string reportId, int revision, int attempt, string error);

    [LoggerMessage(101, LogLevel.Error, "An outbox round failed; retrying")]
    public static partial void OutboxRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(102, LogLevel.Warning,
        "No metrics or compliance address configured (Ingestion:Outbox:Metrics, Ingestion:Outbox:Compliance): notifications stay pending")]
    public static partial void OutboxIdle(ILogger logger);

    [LoggerMessage(103, LogLevel.Warning, "Attachment {Address} not kept ({Reason}): {Error}")]
    public static partial void AttachmentSkipped(ILogger logger, string address, string reason, string error);
}
