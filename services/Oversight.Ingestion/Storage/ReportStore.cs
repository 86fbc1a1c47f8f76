using System.Data;
using System.Data.Common;
using Dapper;
using Oversight.ServiceDefaults.Telemetry;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Storage.Connections;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Storage;

/// <summary>Reports and their revisions. Each submission is one transaction, together with its outbox rows.</summary>
public sealed class ReportStore(Database database)
{
    private const string IsCurrent = "CASE WHEN r.current_revision = v.revision THEN 1 ELSE 0 END AS is_current";

    // What a summary is made of: columns only, never the stored metadata message (parsing it cost a listing most of its time).
    private const string SummaryColumns = $"""
        v.seq, v.report_id, v.revision, {IsCurrent},
        v.content_hash, v.jurisdiction_code, v.report_year, v.level, v.published_at, v.title, v.source_url,
        v.submitted_by, v.submitted_at, v.section_kinds, v.issuer, v.jurisdiction_name, v.jurisdiction_resolution, v.report_type,
        v.fetch_evidence
        """;

    // A keys-only listing's.
    private const string KeyColumns = $"""
        v.seq, v.report_id, v.revision, {IsCurrent},
        v.jurisdiction_code, v.report_year, v.level, v.report_type
        """;

    // A page's positions and current flags, all that a listing whose rows it knows already needs.
    private const string PositionColumns = $"v.seq, {IsCurrent}";

    // Which columns a listing's statement reads.
    private enum Listed
    {
        Summary,
        Keys,
        Positions,
    }

    public async Task<StoreOutcome> StoreAsync(NewRevision revision, IReadOnlyList<string> notify, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await StoreBatchAsync([revision], notify, now, cancellationToken))[0];

    /// <summary>
    /// Stores several submissions in one transaction (group commit), in order: a later one sees an earlier
    /// one of the same batch, so a batch can hold a report and its revision or its duplicate. The batch's reports
    /// and contents are looked up in two queries and its rows written with the database's bulk insert, so a batch
    /// costs a handful of round trips on a server, not several per submission.
    /// </summary>
    public async Task<IReadOnlyList<StoreOutcome>> StoreBatchAsync(IReadOnlyList<NewRevision> revisions, IReadOnlyList<string> notify, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        try
        {
            return await database.InTransactionAsync((connection, transaction, token) => StoreAllAsync(connection, transaction, revisions, notify, now, token),
                cancellationToken);
        }
        catch (DbException ex) when (database.Dialect.IsUniqueViolation(ex))
        {
            // A writer without the lock (an older version during a rolling update) created one of these reports first:
            // now they are revisions or duplicates of it.
            return await database.InTransactionAsync((connection, transaction, token) => StoreAllAsync(connection, transaction, revisions, notify, now, token),
                cancellationToken);
        }
    }

    private async Task<IReadOnlyList<StoreOutcome>> StoreAllAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<NewRevision> revisions,
        IReadOnlyList<string> notify, DateTimeOffset now, CancellationToken token)
    {
        // One writer per report: on a server two could otherwise both read revision n and both write n + 1.
        await connection.TakeAsync(database.Dialect, transaction, revisions.Select(r => "report:" + r.IdentityKey), token);
        var reports = await FindReportsAsync(connection, transaction, revisions.Select(r => r.IdentityKey), token);
        var contents = await FindContentsAsync(connection, transaction, reports.Values.Select(r => r.ReportId), token);
        var at = now;
        var newReports = new TableRows("reports", "report_id", "identity_key", "jurisdiction_code", "report_year", "current_revision", "created_at");
        var newRevisions = new TableRows("report_revisions", RevisionColumns);
        var attachments = new TableRows("report_attachments", "report_id", "revision", "ordinal", "url", "link_text", "content_type", "sha256", "size",
            "content");
        var outbox = new TableRows("outbox", "report_id", "revision", "target", "created_at", "attempts", "next_attempt_at", "trace_parent");
        var traceParent = OversightTelemetry.CurrentTraceParent();
        var advanced = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new List<StoreOutcome>(revisions.Count);
        foreach (var revision in revisions)
        {
            StoreOutcome outcome;
            if (reports.TryGetValue(revision.IdentityKey, out var report))
            {
                if (contents.TryGetValue((report.ReportId, revision.ContentHash), out var duplicateOf))
                {
                    outcomes.Add(new StoreOutcome(report.ReportId, duplicateOf, StoreOutcome.Duplicate));
                    continue;
                }
                outcome = new StoreOutcome(report.ReportId, report.CurrentRevision + 1, StoreOutcome.Revised);
                advanced[report.ReportId] = outcome.Revision;
            }
            else
            {
                outcome = new StoreOutcome(NewReportId(), 1, StoreOutcome.Created);
                newReports.Add(outcome.ReportId, revision.IdentityKey, revision.JurisdictionCode, revision.ReportYear, 1, at);
            }
            reports[revision.IdentityKey] = (outcome.ReportId, outcome.Revision);
            contents.TryAdd((outcome.ReportId, revision.ContentHash), outcome.Revision);
            newRevisions.Add(RevisionValues(outcome.ReportId, outcome.Revision, revision));
            foreach (var (attachment, ordinal) in (revision.Attachments ?? []).Select((a, i) => (a, i)))
            {
                attachments.Add(outcome.ReportId, outcome.Revision, ordinal, attachment.Url, attachment.LinkText, attachment.ContentType,
                    attachment.Sha256, (long)attachment.Content.Length, attachment.Content);
            }
            foreach (var target in notify)
            {
                outbox.Add(outcome.ReportId, outcome.Revision, target, at, 0, at, traceParent);
            }
            outcomes.Add(outcome);
        }

        // Parents before children, and outbox rows in submission order: their ids are the order receivers see.
        await connection.InsertAsync(database.Dialect, transaction, newReports, token);
        if (advanced.Count > 0)
        {
            const string AdvanceReport = "UPDATE reports SET current_revision = @Revision WHERE report_id = @ReportId";
            await connection.ExecuteAsync(new CommandDefinition(AdvanceReport, advanced.Select(a => new { ReportId = a.Key, Revision = a.Value }), transaction,
                cancellationToken: token));
        }
        await connection.InsertAsync(database.Dialect, transaction, newRevisions, token);
        await connection.InsertAsync(database.Dialect, transaction, attachments, token);
        await connection.InsertAsync(database.Dialect, transaction, outbox, token);
        return outcomes;
    }

    private async Task<Dictionary<string, (string ReportId, int CurrentRevision)>> FindReportsAsync(DbConnection connection, DbTransaction transaction,
        IEnumerable<string> identityKeys, CancellationToken token)
    {
        var sql = $"SELECT identity_key, report_id, current_revision FROM reports WHERE {database.Dialect.In("identity_key", "Keys")}";
        var found = await connection.QueryInChunksAsync<(string Key, string ReportId, int Current)>(sql, identityKeys, keys => new { Keys = keys }, transaction,
            token);
        return found.ToDictionary(r => r.Key, r => (r.ReportId, r.Current), StringComparer.Ordinal);
    }

    /// <summary>The first revision that holds each content of these reports: what a resubmission duplicates.</summary>
    private async Task<Dictionary<(string ReportId, string ContentHash), int>> FindContentsAsync(DbConnection connection, DbTransaction transaction,
        IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = $"SELECT report_id, content_hash, MIN(revision) FROM report_revisions WHERE {database.Dialect.In("report_id", "Ids")} GROUP BY report_id, " +
            "content_hash";
        var found = await connection.QueryInChunksAsync<(string ReportId, string Hash, int Revision)>(sql, reportIds, ids => new { Ids = ids }, transaction,
            token);
        return found.ToDictionary(r => (r.ReportId, r.Hash), r => r.Revision);
    }

    private static readonly string[] RevisionColumns =
    [
        "report_id", "revision", "content_hash", "jurisdiction_code", "report_year", "level", "published_at", "title",
        "source_url", "content_type", "charset", "submitted_by", "submitted_at", "forced", "section_kinds", "metadata", "outline",
        "original_content", "original_text", "normalized_text", "issuer", "jurisdiction_name", "jurisdiction_resolution", "report_type",
        "fetch_evidence",
    ];

    private static object?[] RevisionValues(string reportId, int number, NewRevision r) =>
    [
        reportId, number, r.ContentHash, r.JurisdictionCode, r.ReportYear, r.Level, r.PublishedAt, r.Title,
        r.SourceUrl, r.ContentType, r.Charset, r.SubmittedBy, r.SubmittedAt, r.Forced, r.SectionKinds, r.Metadata, r.Outline,
        r.OriginalContent, r.OriginalText, r.NormalizedText, r.Header.Issuer, r.Header.JurisdictionName, r.Header.JurisdictionResolution,
        r.Header.ReportType, r.Header.FetchEvidence,
    ];

    // A report's: the summary's columns and its metadata message, with the large parts asked for.
    private static string Columns(RevisionParts parts) =>
        SummaryColumns + ", v.content_type, v.charset, v.forced, v.metadata"
        + (parts.HasFlag(RevisionParts.Outline) ? ", v.outline" : "")
        + (parts.HasFlag(RevisionParts.Content) ? ", v.original_content" : "")
        + (parts.HasFlag(RevisionParts.Texts) ? ", v.original_text, v.normalized_text" : "");

    /// <summary>One revision (0 = current): its summary columns and the <paramref name="parts"/> asked for.</summary>
    public ValueTask<RevisionRow?> GetAsync(string reportId, int revision, RevisionParts parts, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            var sql = $"""
                SELECT {Columns(parts)} FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
                WHERE v.report_id = @ReportId AND v.revision = CASE WHEN @Revision = 0 THEN r.current_revision ELSE @Revision END
                """;
            return await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(sql, new { ReportId = reportId, Revision = revision },
                cancellationToken: token));
        }, cancellationToken);

    /// <summary>
    /// The revisions of these reports that are current or numbered in <paramref name="revisions"/>, with the columns
    /// <see cref="GetAsync"/> reads; the caller picks the ones it named. One statement a chunk instead of one a report.
    /// </summary>
    public ValueTask<IReadOnlyList<RevisionRow>> GetManyAsync(IReadOnlyCollection<string> reportIds, IReadOnlyCollection<int> revisions, RevisionParts parts,
        CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<RevisionRow>>(async (connection, token) =>
        {
            var dialect = database.Dialect;
            var sql = $"""
                SELECT {Columns(parts)} FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
                WHERE {dialect.In("v.report_id", "Ids")} AND (v.revision = r.current_revision OR {dialect.InNumbers("v.revision", "Revisions")})
                """;
            var numbers = dialect.NumberList([.. revisions.Where(r => r > 0).Distinct().Select(r => (long)r)]);
            return await connection.QueryInChunksAsync<RevisionRow>(sql, reportIds, ids => new { Ids = ids, Revisions = numbers }, null,
                token);
        }, cancellationToken);

    /// <summary>The attachments kept beside one revision, in the order the page linked them, with their bytes.</summary>
    public ValueTask<IReadOnlyList<NewAttachment>> GetAttachmentsAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<NewAttachment>>(async (connection, token) =>
        {
            const string Sql = """
                SELECT url, link_text, content_type, sha256, content FROM report_attachments
                WHERE report_id = @ReportId AND revision = @Revision ORDER BY ordinal
                """;
            var rows = await connection.QueryAsync<(string Url, string LinkText, string ContentType, string Sha256, byte[] Content)>(
                new CommandDefinition(Sql, new { ReportId = reportId, Revision = revision }, cancellationToken: token));
            return [.. rows.Select(r => new NewAttachment(r.Url, r.LinkText, r.ContentType, r.Sha256, r.Content))];
        }, cancellationToken);

    public ValueTask<IReadOnlyList<RevisionRow>> ListRevisionsAsync(string reportId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<RevisionRow>>(async (connection, token) =>
        {
            const string Sql = $"""
                SELECT {SummaryColumns} FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
                WHERE v.report_id = @ReportId ORDER BY v.revision DESC
                """;
            return (await connection.QueryAsync<RevisionRow>(new CommandDefinition(Sql, new { ReportId = reportId },
                cancellationToken: token))).AsList();
        }, cancellationToken);

    /// <summary>The next page of revisions matching the filter after <paramref name="afterSeq"/>, in submission order.</summary>
    public ValueTask<IReadOnlyList<RevisionRow>> ListAsync(RevisionFilter filter, long afterSeq, int limit, CancellationToken cancellationToken) =>
        ListAsync(filter, afterSeq, limit, keysOnly: false, cancellationToken);

    /// <summary>
    /// The same with only <see cref="KeyColumns"/> read when <paramref name="keysOnly"/>. Only the filters given become
    /// conditions: a shorter statement parses faster and lets an index serve the ones that are there.
    /// </summary>
    public ValueTask<IReadOnlyList<RevisionRow>> ListAsync(RevisionFilter filter, long afterSeq, int limit, bool keysOnly,
        CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<RevisionRow>>(
            (lease, token) => SummaryRows.ReadAsync(ListCommand(lease, filter, afterSeq, limit, keysOnly ? Listed.Keys : Listed.Summary), keysOnly, limit,
                token),
            cancellationToken);

    /// <summary>
    /// The next page of summaries as <paramref name="rows"/> makes them: a revision it knows already (a stored row never
    /// changes; only whether it is current does) is not read again beyond its position and current flag. The page's
    /// positions are read first: a row's summary columns lie beside its content, and reading them cost about half of
    /// a listing's statement; only a page with a row not known yet is read again with them.
    /// </summary>
    public ValueTask<IReadOnlyList<T>> ListAsync<T>(RevisionFilter filter, long afterSeq, int limit, IListedRows<T> rows,
        CancellationToken cancellationToken)
        where T : class =>
        database.ReadAsync<IReadOnlyList<T>>(async (lease, token) =>
            await SummaryRows.KnownAsync(ListCommand(lease, filter, afterSeq, limit, Listed.Positions), rows, limit, token)
            ?? await SummaryRows.ReadAsync(ListCommand(lease, filter, afterSeq, limit, Listed.Summary), rows, limit, token), cancellationToken);

    // The connection's command for the filter's shape, kept prepared, with only the parameters its statement names.
    private DbCommand ListCommand(ConnectionLease lease, RevisionFilter filter, long afterSeq, int limit, Listed columns)
    {
        var command = lease.Command(ListSql(filter, columns));
        ConnectionLease.Bind(command, "@AfterSeq", DbType.Int64, afterSeq);
        if (filter.Prefix.Length > 0)
        {
            ConnectionLease.Bind(command, "@PrefixPattern", DbType.String, CodePrefix.LikePattern(filter.Prefix));
        }
        if (filter.Year != 0)
        {
            ConnectionLease.Bind(command, "@Year", DbType.Int32, filter.Year);
        }
        if (filter.Level.Length > 0)
        {
            ConnectionLease.Bind(command, "@Level", DbType.String, filter.Level);
        }
        if (filter.PublishedFrom is { } from)
        {
            ConnectionLease.Bind(command, "@PublishedFrom", DbType.String, SqlTime.Format(from));
        }
        if (filter.PublishedBefore is { } before)
        {
            ConnectionLease.Bind(command, "@PublishedBefore", DbType.String, SqlTime.Format(before));
        }
        ConnectionLease.Bind(command, "@Limit", DbType.Int32, limit);
        return command;
    }

    // A listing's statement per filter shape (which filters are given, which columns): 192 shapes at most, each text
    // built once rather than per call (the text and its interpolation were a tenth of a listing's allocations).
    private readonly string?[] _listSql = new string?[192];

    private string ListSql(RevisionFilter filter, Listed columns)
    {
        var shape = (filter.IncludeSuperseded ? 1 : 0) | (filter.Prefix.Length > 0 ? 2 : 0) | (filter.Year != 0 ? 4 : 0) | (filter.Level.Length > 0 ? 8 : 0)
            | (filter.PublishedFrom is null ? 0 : 16) | (filter.PublishedBefore is null ? 0 : 32) | ((int)columns << 6);
        return _listSql[shape] ??= BuildListSql(filter, columns);
    }

    private string BuildListSql(RevisionFilter filter, Listed columns)
    {
        const string Current = " AND r.current_revision = v.revision";
        const string Prefix = " AND v.jurisdiction_code LIKE @PrefixPattern";
        const string Year = " AND v.report_year = @Year";
        const string Level = " AND v.level = @Level";
        const string PublishedFrom = " AND v.published_at >= @PublishedFrom";
        const string PublishedBefore = " AND v.published_at < @PublishedBefore";
        return $"""
            SELECT {columns switch { Listed.Keys => KeyColumns, Listed.Positions => PositionColumns, _ => SummaryColumns }}
            FROM report_revisions v JOIN reports r ON r.report_id = v.report_id
            WHERE v.seq > @AfterSeq{(filter.IncludeSuperseded ? "" : Current)}{(filter.Prefix.Length > 0 ? Prefix : "")}
            {(filter.Year != 0 ? Year : "")}{(filter.Level.Length > 0 ? Level : "")}
            {(filter.PublishedFrom is null ? "" : PublishedFrom)}{(filter.PublishedBefore is null ? "" : PublishedBefore)}
            ORDER BY v.seq {database.Dialect.Limit("Limit")}
            """;
    }

    // Time-ordered, so ids sort roughly by creation; 32 hex digits.
    private static string NewReportId() => Guid.CreateVersion7().ToString("N");
}
