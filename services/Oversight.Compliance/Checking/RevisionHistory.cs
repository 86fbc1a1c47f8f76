using Google.Protobuf.WellKnownTypes;
using Oversight.Analysis;
using Oversight.Analysis.Revisions;
using Oversight.Analysis.Rules;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Mapping;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.Compliance.Checking;

/// <summary>
/// What a revision seen after the disclosure deadline changed since the last revision of its report seen before it: the
/// two are fetched from ingestion and compared sentence by sentence, and the bounded change goes into the check input, so
/// the checker (and every later re-check) opens REPORT_CHANGED_AFTER_DEADLINE from the stored input alone.
/// Nothing is fetched for a first revision, nor for one seen before the deadline.
/// </summary>
public sealed class RevisionHistory(ReportFetcher fetcher, ReportReader reader, PacksInForce packs)
{
    /// <summary>The input with its change since the deadline, or as it was when there is none to show.</summary>
    public async Task<CheckInput> WithChangeAsync(Report report, ReportReading reading, CheckInput input, CancellationToken cancellationToken)
    {
        if (report.Revision <= 1 || ComplianceChecker.DisclosureDue(input, packs.Packs) is not { } due)
        {
            return input;
        }
        var seenAt = SeenAt(report.Metadata, report.SubmittedAt);
        if (seenAt < due)
        {
            return input;
        }
        var revisions = await fetcher.ListRevisionsAsync(report.ReportId, cancellationToken);
        var baseline = revisions
            .Where(r => r.Revision < report.Revision)
            .Select(r => (r.Revision, SeenAt: SeenAt(r.Metadata, r.SubmittedAt)))
            .Where(r => r.SeenAt < due)
            .OrderByDescending(r => r.Revision)
            .FirstOrDefault();
        if (baseline.Revision == 0)
        {
            // Every earlier revision came after the deadline too: the report was late (DISCLOSURE_LATE), not changed.
            return input;
        }
        var earlier = await fetcher.GetAsync(report.ReportId, baseline.Revision, cancellationToken);
        var earlierReading = reader.Read(ReportMessages.ToInput(earlier)).Reading;
        // Stored revisions were all read once; one the reader no longer reads leaves nothing to compare, not a failed check.
        return earlierReading is null
            ? input
            : input with { Change = RevisionDiff.Between(report.ReportId, baseline.Revision, earlierReading, baseline.SeenAt, reading, seenAt) };
    }

    /// <summary>
    /// When the platform saw a revision's content: the fetch that brought it when the platform fetched the page itself
    /// (submitted by address or by the watcher), else its submission.
    /// </summary>
    public static DateTimeOffset SeenAt(ReportMetadata? metadata, Timestamp? submittedAt) =>
        metadata?.Fetch?.FetchedAt?.ToDateTimeOffset() ?? submittedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
}
