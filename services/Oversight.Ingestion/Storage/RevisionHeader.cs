using Google.Protobuf;
using Oversight.Analysis.Rules;
using Oversight.Contracts.Ingestion.V1;

namespace Oversight.Ingestion.Storage;

/// <summary>
/// The metadata a summary shows beyond the key columns, each in a column of its own (migration 4), so that a listing
/// reads columns instead of parsing every row's stored metadata message. Cut to the columns' widths. The fetch evidence
/// (migration 8) is kept whole, as its message's bytes: compliance dates revisions by it.
/// </summary>
public sealed record RevisionHeader(string Issuer, string JurisdictionName, string JurisdictionResolution, string ReportType,
    byte[]? FetchEvidence = null)
{
    public static RevisionHeader None { get; } = new("", "", "", ReportTypes.RuleOfLaw);

    public static RevisionHeader Of(ReportMetadata metadata) => new(
        Cut(metadata.Issuer, 400), Cut(metadata.JurisdictionName, 200), Cut(metadata.JurisdictionResolution, 20),
        ReportTypes.OrDefault(metadata.ReportType), metadata.Fetch?.ToByteArray());

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
