namespace Oversight.Ingestion.Intake;

/// <summary>Bound from "Ingestion" in configuration.</summary>
public sealed class IngestionOptions
{
    /// <summary>Largest report accepted (bytes); larger ones get RESOURCE_EXHAUSTED.</summary>
    public int MaxContentBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most attachments one submission may carry, and the most fetched and kept for a page submitted by address.</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>
    /// The longest the attachments of one submission may take to read, together (waits for a converter slot, conversion and
    /// OCR): past it the submission is refused with DEADLINE_EXCEEDED "CONVERSION_TIMEOUT" and nothing of it is stored. The
    /// server's own bound, whatever deadline the caller set; a caller's deadline (Watching:SubmitTimeout, the command line's
    /// --timeout) should outlast it and the fetches of a submission by address.
    /// </summary>
    public TimeSpan ConversionTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What reading one attachment may cost ("Ingestion:Attachments": bytes, pages, time, converter limits).</summary>
    public Oversight.Documents.DocumentLimits Attachments { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary>Where stored reports are announced, and how persistently.</summary>
public sealed class OutboxOptions
{
    /// <summary>Metrics service address (its AnalyzeReport is called); empty to keep notifications pending.</summary>
    public string Metrics { get; set; } = "";

    /// <summary>Compliance service address (its CheckReport is called).</summary>
    public string Compliance { get; set; } = "";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait before retrying a notification that failed.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit to a failing receiver stays open (at least 0.5 s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long a claimed batch is this replica's alone: another replica takes its rows up only after this, so it
    /// must outlast a round's deliveries with their retries; a replica that died mid-round delays them this long.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public int Parallelism { get; set; } = 16;
}
