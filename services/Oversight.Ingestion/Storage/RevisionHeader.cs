using Oversight.Analysis.Rules;
using Oversight.Contracts.Ingestion.V1;

namespace Oversight.Ingestion.Storage;

/// <summary>
/// The metadata a summary shows beyond the key columns, each in a column of its own (migration 4), so that a listing
/// reads columns instead of parsing every row's stored metadata message. Cut to the columns' widths.
/// </summary>
public sealed record RevisionHeader(string Issuer, string JurisdictionName, string JurisdictionResolution, string ReportType)
{
    public static RevisionHeader None { get; } = new("", "", "", ReportTypes.RuleOfLaw);

    public static RevisionHeader Of(ReportMetadata metadata) => new(
        Cut(metadata.Issuer, 400), Cut(metadata.JurisdictionName, 200), Cut(metadata.JurisdictionResolution, 20), ReportTypes.OrDefault(metadata.ReportType));

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
