using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Oversight.Analysis.Decoding;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Storage;

namespace Oversight.Ingestion.Grpc;

/// <summary>Stored rows as the contract's messages.</summary>
internal static class ReportRows
{
    /// <summary>Whether a view sends the original bytes, so its rows must be read with them.</summary>
    public static bool CarriesContent(ReportView view) => view is ReportView.Full or ReportView.Content or ReportView.Source;

    /// <summary>The stored columns a view is built from.</summary>
    public static RevisionParts PartsOf(ReportView view) =>
        (view == ReportView.Source ? RevisionParts.Summary : RevisionParts.Outline)
        | (CarriesContent(view) ? RevisionParts.Content : RevisionParts.Summary)
        | (view == ReportView.Full ? RevisionParts.Texts : RevisionParts.Summary);

    public static Report ToReport(RevisionRow row, ReportView view)
    {
        var report = new Report
        {
            ReportId = row.ReportId,
            Revision = row.Revision,
            Current = row.IsCurrent,
            Metadata = ReportMetadata.Parser.ParseFrom(row.Metadata),
            // A service reading the report again reads its own outline: parsing and sending this one cost it more than the bytes.
            Outline = view == ReportView.Source ? null : ReportOutline.Parser.ParseFrom(row.Outline),
            ContentHash = row.ContentHash,
            SourceUrl = row.SourceUrl ?? "",
            SubmittedBy = row.SubmittedBy,
            SubmittedAt = Timestamp.FromDateTimeOffset(row.SubmittedAt),
            ContentType = row.ContentType ?? "",
            Charset = row.Charset,
            Forced = row.Forced,
        };
        if (CarriesContent(view))
        {
            report.OriginalContent = ByteString.CopyFrom(row.OriginalContent ?? []);
        }
        if (view == ReportView.Full)
        {
            report.NormalizedText = row.NormalizedText ?? "";
            report.OriginalText = row.OriginalText ?? DecodeOriginal(row);
        }
        return report;
    }

    public static IEnumerable<Attachment> ToAttachments(IEnumerable<NewAttachment> attachments) =>
        attachments.Select(a => new Attachment { Url = a.Url, LinkText = a.LinkText, ContentType = a.ContentType, Content = ByteString.CopyFrom(a.Content) });

    // Plain text is stored once, as its bytes: decoding them with the charset the reader chose gives back the
    // exact text evidence spans were measured in.
    private static string DecodeOriginal(RevisionRow row) =>
        TextDecoder.Decode(row.OriginalContent ?? [], row.ContentType, row.Charset).Text?.Text ?? "";

    /// <summary>
    /// A summary with only the keys (<c>keys_only</c>): what a caller needs to pick and place each report, not the
    /// header fields that make up most of a summary's bytes.
    /// </summary>
    public static ReportSummary ToKeys(RevisionRow row) => new()
    {
        ReportId = row.ReportId,
        Revision = row.Revision,
        Current = row.IsCurrent,
        Metadata = new ReportMetadata
        {
            JurisdictionCode = row.JurisdictionCode ?? "",
            Level = row.Level ?? "",
            ReportYear = row.ReportYear ?? 0,
            ReportType = row.ReportType,
        },
    };

    /// <summary>
    /// A summary, from columns only (<see cref="RevisionHeader"/>): of the metadata, the fields a listing shows (title,
    /// issuer, jurisdiction code, name and resolution, level, year, type, publication time, source URL, and the fetch
    /// evidence of a page the platform fetched itself); a report's whole metadata comes with GetReport.
    /// </summary>
    public static ReportSummary ToSummary(RevisionRow row)
    {
        var metadata = new ReportMetadata
        {
            Title = row.Title,
            Issuer = row.Issuer,
            JurisdictionCode = row.JurisdictionCode ?? "",
            JurisdictionName = row.JurisdictionName,
            JurisdictionResolution = row.JurisdictionResolution,
            Level = row.Level ?? "",
            ReportYear = row.ReportYear ?? 0,
            ReportType = row.ReportType,
            SourceUrl = row.SourceUrl ?? "",
        };
        if (row.PublishedAt is { } publishedAt)
        {
            metadata.PublishedAt = Timestamp.FromDateTimeOffset(publishedAt);
        }
        if (row.FetchEvidence is { } fetch)
        {
            metadata.Fetch = FetchEvidence.Parser.ParseFrom(fetch);
        }
        var summary = new ReportSummary
        {
            ReportId = row.ReportId,
            Revision = row.Revision,
            Current = row.IsCurrent,
            Metadata = metadata,
            ContentHash = row.ContentHash,
            SubmittedAt = Timestamp.FromDateTimeOffset(row.SubmittedAt),
            SubmittedBy = row.SubmittedBy,
        };
        summary.SectionKinds.AddRange(row.SectionKinds.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return summary;
    }
}
