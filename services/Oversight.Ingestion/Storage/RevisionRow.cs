namespace Oversight.Ingestion.Storage;

/// <summary>A stored revision as its row reads. The heavy columns are filled only when asked for.</summary>
public sealed class RevisionRow
{
    public long Seq { get; set; }
    public string ReportId { get; set; } = "";
    public int Revision { get; set; }
    public bool IsCurrent { get; set; }
    public string ContentHash { get; set; } = "";
    public string? JurisdictionCode { get; set; }
    public int? ReportYear { get; set; }
    public string? Level { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string Title { get; set; } = "";
    public string? SourceUrl { get; set; }
    public string? ContentType { get; set; }
    public string Charset { get; set; } = "";
    public string SubmittedBy { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public bool Forced { get; set; }
    public string SectionKinds { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string JurisdictionName { get; set; } = "";
    public string JurisdictionResolution { get; set; } = "";
    public string ReportType { get; set; } = "";

    /// <summary>metadata.fetch's bytes when the platform fetched the revision itself, else null.</summary>
    public byte[]? FetchEvidence { get; set; }

    /// <summary>The stored metadata message: read for a report, not for a summary (see <see cref="RevisionHeader"/>).</summary>
    public byte[] Metadata { get; set; } = [];
    public byte[] Outline { get; set; } = [];
    public byte[]? OriginalContent { get; set; }
    public string? OriginalText { get; set; }
    public string? NormalizedText { get; set; }
}

/// <summary>
/// What a submission stores when it is new content. OriginalText is null for plain text, where it is exactly
/// the decoded original bytes; HTML keeps its extracted article text, which evidence spans point into.
/// </summary>
public sealed record NewRevision(
    string IdentityKey,
    string? JurisdictionCode,
    int? ReportYear,
    string? Level,
    DateTimeOffset? PublishedAt,
    string Title,
    string? SourceUrl,
    string? ContentType,
    string Charset,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    bool Forced,
    string SectionKinds,
    byte[] Metadata,
    byte[] Outline,
    byte[] OriginalContent,
    string? OriginalText,
    string NormalizedText,
    string ContentHash,
    IReadOnlyList<NewAttachment>? Attachments = null)
{
    /// <summary>The summary's columns beyond the keys.</summary>
    public RevisionHeader Header { get; init; } = RevisionHeader.None;
}

/// <summary>An attachment kept beside a revision: where it came from and its original bytes.</summary>
public sealed record NewAttachment(string Url, string LinkText, string ContentType, string Sha256, byte[] Content);

/// <summary>"created", "revised" or "duplicate", with the revision that holds the content.</summary>
public sealed record StoreOutcome(string ReportId, int Revision, string Outcome)
{
    public const string Created = "created";
    public const string Revised = "revised";
    public const string Duplicate = "duplicate";
}

/// <summary>Filters of ListReports and StreamReports, validated.</summary>
public sealed record RevisionFilter(string Prefix, int Year, string Level, DateTimeOffset? PublishedFrom, DateTimeOffset? PublishedBefore,
    bool IncludeSuperseded);
