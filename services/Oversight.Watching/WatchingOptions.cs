namespace Oversight.Watching;

/// <summary>Bound from "Watching" in configuration.</summary>
public sealed class WatchingOptions
{
    /// <summary>Where reports found are submitted (ingestion's address).</summary>
    public string Ingestion { get; set; } = "";

    /// <summary>Where the registry's portal columns are read (compliance's address).</summary>
    public string Compliance { get; set; } = "";

    /// <summary>Run a pass every <see cref="Interval"/> (the first one an interval after start).</summary>
    public bool Enabled { get; set; }

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The bodies a scheduled pass covers (a code prefix; empty for all).</summary>
    public string ScopePrefix { get; set; } = "";

    /// <summary>Report years looked for; empty: the year before this one and the one before that (China time).</summary>
    public List<int> Years { get; set; } = [];

    /// <summary>List pages read per column at most (index.html, index_1.html …).</summary>
    public int MaxListPages { get; set; } = 20;

    /// <summary>Attachments fetched per article at most.</summary>
    public int MaxAttachments { get; set; } = 5;

    /// <summary>
    /// The longest a submission to ingestion may take: ingestion reads the attachments before answering, a scan through OCR
    /// for a minute or more on a busy host (its converters stop at Ingestion:Attachments:Timeout each, two at a time, and a
    /// submission's all together at Ingestion:ConversionTimeout, 5 min). Kept longer than that bound, so a slow submission
    /// ends with ingestion's own CONVERSION_TIMEOUT (DEADLINE_EXCEEDED: submitted again on the next pass, like this
    /// deadline's own expiry) rather than this deadline cutting the call while the server still works.
    /// </summary>
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests a second to one host at most (robots.txt's Crawl-delay may ask for fewer).</summary>
    public double RequestsPerSecondPerHost { get; set; } = 0.5;

    /// <summary>Hosts read at the same time (each with one connection, one request at a time).</summary>
    public int HostsInParallel { get; set; } = 16;

    /// <summary>After this many failures in a row (errors, 429, 5xx, time-outs) a host is skipped until its back-off ends.</summary>
    public int FailuresBeforeSkip { get; set; } = 3;

    /// <summary>The first back-off after a failure; doubled for each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The longest a pass waits on one host's back-off before leaving it to the next pass.</summary>
    public TimeSpan MaxWaitInPass { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The product token robots.txt groups are matched with (besides *).</summary>
    public string RobotsAgent { get; set; } = "OversightBot";
}
