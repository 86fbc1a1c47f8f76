using System.Data.Common;
using Dapper;
using Oversight.Storage;

namespace Oversight.Ingestion.Storage;

/// <summary>Reports and their revisions. Each submission is one transaction, together with its outbox rows.</summary>
public sealed class ReportStore(Database database)
{
    private const string SummaryColumns = """
        v.seq, v.report_id, v.revision, CASE WHEN r.current_revision = v.revision THEN 1 ELSE 0 END AS is_current,
        v.content_hash, v.jurisdiction_code, v.report_year, v.level, v.published_at, v.title, v.source_url, v.content_type,
        v.charset, v.submitted_by, v.submitted_at, v.forced, v.section_kinds, v.metadata, v.outline
        """;

    public async Task<StoreOutcome> StoreAsync(NewRevision revision, IReadOnlyList<string> notify, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await StoreBatchAsync([revision], notify, now, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Stores several submissions in one transaction (group commit), in order: a later one sees an earlier
    /// one of the same batch, so a batch can hold a report and its revision or its duplicate.
    /// </summary>
    public async Task<IReadOnlyList<StoreOutcome>> StoreBatchAsync(IReadOnlyList<NewRevision> revisions, IReadOnlyList<string> notify, DateTimeOffset now, CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<StoreOutcome>> StoreAll(DbConnection connection, DbTransaction transaction, CancellationToken token)
        {
            var outcomes = new List<StoreOutcome>(revisions.Count);
            foreach (var revision in revisions)
            {
                outcomes.Add(await StoreCoreAsync(connection, transaction, revision, notify, now, token).ConfigureAwait(false));
            }
            return outcomes;
        }

        try
        {
            return await database.InTransactionAsync(StoreAll, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (database.Dialect.IsUniqueViolation(ex))
        {
            // A concurrent submission created one of these reports first; now they are revisions or duplicates of it.
            return await database.InTransactionAsync(StoreAll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<StoreOutcome> StoreCoreAsync(DbConnection connection, DbTransaction transaction, NewRevision revision, IReadOnlyList<string> notify, DateTimeOffset now, CancellationToken token)
    {
        const string FindReport = "SELECT report_id, current_revision FROM reports WHERE identity_key = @IdentityKey";
        const string FindSameContent = "SELECT MIN(revision) FROM report_revisions WHERE report_id = @ReportId AND content_hash = @ContentHash";
        const string InsertReport = """
            INSERT INTO reports (report_id, identity_key, jurisdiction_code, report_year, current_revision, created_at)
            VALUES (@ReportId, @IdentityKey, @JurisdictionCode, @ReportYear, 1, @CreatedAt)
            """;
        const string AdvanceReport = "UPDATE reports SET current_revision = @Revision WHERE report_id = @ReportId";

        var existing = await connection.QuerySingleOrDefaultAsync<(string ReportId, int CurrentRevision)?>(
            new CommandDefinition(FindReport, new { revision.IdentityKey }, transaction, cancellationToken: token)).ConfigureAwait(false);
        string reportId;
        int number;
        string outcome;
        if (existing is { } report)
        {
            var same = await connection.ExecuteScalarAsync<int?>(
                new CommandDefinition(FindSameContent, new { report.ReportId, revision.ContentHash }, transaction, cancellationToken: token)).ConfigureAwait(false);
            if (same is { } duplicateOf)
            {
                return new StoreOutcome(report.ReportId, duplicateOf, StoreOutcome.Duplicate);
            }
            (reportId, number, outcome) = (report.ReportId, report.CurrentRevision + 1, StoreOutcome.Revised);
            await connection.ExecuteAsync(new CommandDefinition(AdvanceReport, new { ReportId = reportId, Revision = number }, transaction, cancellationToken: token)).ConfigureAwait(false);
        }
        else
        {
            (reportId, number, outcome) = (NewReportId(), 1, StoreOutcome.Created);
            await connection.ExecuteAsync(new CommandDefinition(InsertReport,
                new { ReportId = reportId, revision.IdentityKey, revision.JurisdictionCode, revision.ReportYear, CreatedAt = SqlTime.Format(now) },
                transaction, cancellationToken: token)).ConfigureAwait(false);
        }
        await InsertRevisionAsync(connection, transaction, reportId, number, revision, token).ConfigureAwait(false);
        await OutboxStore.EnqueueAsync(connection, transaction, reportId, number, notify, now, token).ConfigureAwait(false);
        return new StoreOutcome(reportId, number, outcome);
    }

    private static Task InsertRevisionAsync(DbConnection connection, DbTransaction transaction, string reportId, int number, NewRevision r, CancellationToken token)
    {
        const string Sql = """
            INSERT INTO report_revisions (report_id, revision, content_hash, jurisdiction_code, report_year, level, published_at, title,
                source_url, content_type, charset, submitted_by, submitted_at, forced, section_kinds, metadata, outline,
                original_content, original_text, normalized_text)
            VALUES (@ReportId, @Revision, @ContentHash, @JurisdictionCode, @ReportYear, @Level, @PublishedAt, @Title,
                @SourceUrl, @ContentType, @Charset, @SubmittedBy, @SubmittedAt, @Forced, @SectionKinds, @Metadata, @Outline,
                @OriginalContent, @OriginalText, @NormalizedText)
            """;
        return connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            ReportId = reportId,
            Revision = number,
            r.ContentHash,
            r.JurisdictionCode,
            r.ReportYear,
            r.Level,
            r.PublishedAt,
            r.Title,
            r.SourceUrl,
            r.ContentType,
            r.Charset,
            r.SubmittedBy,
            r.SubmittedAt,
            r.Forced,
            r.SectionKinds,
            r.Metadata,
            r.Outline,
            r.OriginalContent,
            r.OriginalText,
            r.NormalizedText,
        }, transaction, cancellationToken: token));
    }

    /// <summary>One revision (0 = current); with <paramref name="full"/> the original bytes and both texts too.</summary>
    /// <summary>One revision (0 = current): its summary columns, plus the original bytes, plus the texts when <paramref name="texts"/>.</summary>
    public ValueTask<RevisionRow?> GetAsync(string reportId, int revision, bool content, CancellationToken cancellationToken, bool texts = true) =>
        database.RunAsync(async (connection, token) =>
        {
            var columns = !content ? SummaryColumns
                : texts ? SummaryColumns + ", v.original_content, v.original_text, v.normalized_text"
                : SummaryColumns + ", v.original_content";
            var sql = $"""
                SELECT {columns} FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
                WHERE v.report_id = @ReportId AND v.revision = CASE WHEN @Revision = 0 THEN r.current_revision ELSE @Revision END
                """;
            return await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(sql, new { ReportId = reportId, Revision = revision }, cancellationToken: token)).ConfigureAwait(false);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<RevisionRow>> ListRevisionsAsync(string reportId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<RevisionRow>>(async (connection, token) =>
        {
            const string Sql = $"""
                SELECT {SummaryColumns} FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
                WHERE v.report_id = @ReportId ORDER BY v.revision DESC
                """;
            return (await connection.QueryAsync<RevisionRow>(new CommandDefinition(Sql, new { ReportId = reportId }, cancellationToken: token)).ConfigureAwait(false)).AsList();
        }, cancellationToken);

    /// <summary>The next page of revisions matching the filter after <paramref name="afterSeq"/>, in submission order.</summary>
    public ValueTask<IReadOnlyList<RevisionRow>> ListAsync(RevisionFilter filter, long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<RevisionRow>>(async (connection, token) =>
        {
            var sql = $"""
                SELECT {SummaryColumns} FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
                WHERE v.seq > @AfterSeq
                  AND (@IncludeSuperseded = 1 OR r.current_revision = v.revision)
                  AND (@Prefix = '' OR v.jurisdiction_code LIKE @PrefixPattern)
                  AND (@Year = 0 OR v.report_year = @Year)
                  AND (@Level = '' OR v.level = @Level)
                  AND (@PublishedFrom IS NULL OR v.published_at >= @PublishedFrom)
                  AND (@PublishedBefore IS NULL OR v.published_at < @PublishedBefore)
                ORDER BY v.seq {database.Dialect.Limit("Limit")}
                """;
            var parameters = new
            {
                AfterSeq = afterSeq,
                IncludeSuperseded = filter.IncludeSuperseded ? 1 : 0,
                filter.Prefix,
                PrefixPattern = filter.Prefix + "%",
                filter.Year,
                filter.Level,
                filter.PublishedFrom,
                filter.PublishedBefore,
                Limit = limit,
            };
            return (await connection.QueryAsync<RevisionRow>(new CommandDefinition(sql, parameters, cancellationToken: token)).ConfigureAwait(false)).AsList();
        }, cancellationToken);

    // Time-ordered, so ids sort roughly by creation; 32 hex digits.
    private static string NewReportId() => Guid.CreateVersion7().ToString("N");
}
