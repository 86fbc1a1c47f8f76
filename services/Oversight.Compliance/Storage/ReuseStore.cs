using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Text;
using Oversight.Storage;
using Oversight.Storage.Bulk;

namespace Oversight.Compliance.Storage;

/// <summary>What indexing a batch found: each report's matches, and the reports already indexed whose matches changed.</summary>
public sealed record ReuseIndexed(
    IReadOnlyDictionary<string, IReadOnlyList<ReuseMatch>> Matches,
    IReadOnlyList<(string ReportId, string OtherReportId, ReuseMatch? Match)> Counterparts);

/// <summary>
/// Copy detection's stored index (reuse_reports, reuse_passages, reuse_keys): each report's current revision, indexed
/// when it is first read. A key that <see cref="CommonReports"/> reports hold is common phrasing (template wording every
/// body uses): recorded once in reuse_common, held in memory, and neither stored again nor looked up, which also keeps
/// every lookup bounded at that many rows a key.
/// </summary>
public sealed class ReuseStore(Database database, int commonReports)
{
    private const int KeysPerQuery = 500;

    private readonly ConcurrentDictionary<long, byte> _common = new();
    private volatile bool _commonLoaded;

    public int CommonReports => commonReports;

    /// <summary>Indexes the documents in order, each compared with everything indexed before it (batch peers included), in one transaction.</summary>
    public async ValueTask<ReuseIndexed> IndexAsync(IReadOnlyList<ReuseDocument> documents, CancellationToken cancellationToken)
    {
        await LoadCommonAsync(cancellationToken);
        return await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var matches = new Dictionary<string, IReadOnlyList<ReuseMatch>>(StringComparer.Ordinal);
            var counterparts = new List<(string, string, ReuseMatch?)>();
            foreach (var document in documents)
            {
                matches[document.Body.ReportId] = await IndexOneAsync(connection, transaction, document, counterparts, token).ConfigureAwait(false);
            }
            return new ReuseIndexed(matches, counterparts);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<ReuseMatch>> IndexOneAsync(DbConnection connection, DbTransaction transaction, ReuseDocument document, List<(string, string, ReuseMatch?)> counterparts, CancellationToken token)
    {
        var self = document.Body;
        // A new revision replaces the old one; reports that matched the old text are compared again below, so a
        // match the new text no longer has is withdrawn from them.
        var previous = await PreviousCounterpartsAsync(connection, transaction, self.ReportId, token).ConfigureAwait(false);
        await DeleteAsync(connection, transaction, self.ReportId, token).ConfigureAwait(false);

        var keys = document.Passages.SelectMany(ReuseIndex.Keys).Distinct().Where(k => !_common.ContainsKey(k)).ToList();
        var holders = await HoldersAsync(connection, transaction, keys, token).ConfigureAwait(false);
        var common = holders.GroupBy(h => h.BandKey).Where(g => g.Select(h => h.ReportId).Distinct(StringComparer.Ordinal).Count() + 1 >= commonReports).Select(g => g.Key).ToHashSet();
        if (common.Count > 0)
        {
            var rows = new TableRows("reuse_common", "band_key");
            foreach (var key in common)
            {
                rows.Add(key);
            }
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM reuse_common WHERE {database.Dialect.In("band_key", "Keys")}", new { Keys = common.ToArray() }, transaction, cancellationToken: token)).ConfigureAwait(false);
            await connection.InsertAsync(database.Dialect, transaction, rows, token).ConfigureAwait(false);
        }
        await InsertAsync(connection, transaction, document, keys.Where(k => !common.Contains(k)).ToHashSet(), token).ConfigureAwait(false);

        var byKey = document.Passages.SelectMany(p => ReuseIndex.Keys(p).Select(k => (Key: k, Passage: p))).ToLookup(x => x.Key, x => x.Passage);
        var found = holders.Where(h => !common.Contains(h.BandKey)).GroupBy(h => h.ReportId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var others = await ReportsAsync(connection, transaction, found.Keys, token).ConfigureAwait(false);
        var passages = await PassagesAsync(connection, transaction, others.Where(o => ReuseMatcher.Relation(self, o) is not null || ReuseMatcher.Relation(o, self) is not null).Select(o => o.ReportId), token).ConfigureAwait(false);
        var result = new List<ReuseMatch>();
        foreach (var other in others)
        {
            if (!passages.TryGetValue(other.ReportId, out var theirs))
            {
                continue;
            }
            var pairs = found[other.ReportId].SelectMany(h => byKey[h.BandKey].Select(p => (Self: p, Other: theirs[h.PassageNo]))).ToList();
            if (ReuseMatcher.Match(self, other, pairs) is { } mine)
            {
                result.Add(mine);
            }
            counterparts.Add((other.ReportId, self.ReportId, ReuseMatcher.Match(other, self, pairs.Select(p => (p.Other, p.Self)))));
            previous.Remove(other.ReportId);
        }
        counterparts.AddRange(previous.Select(id => (id, self.ReportId, (ReuseMatch?)null)));
        return [.. result.OrderByDescending(m => m.Share).ThenBy(m => m.OtherReportId, StringComparer.Ordinal)];
    }

    private async Task LoadCommonAsync(CancellationToken cancellationToken)
    {
        if (_commonLoaded)
        {
            return;
        }
        var keys = await database.RunAsync((connection, token) => connection.QueryAsync<long>(new CommandDefinition("SELECT band_key FROM reuse_common", cancellationToken: token)), cancellationToken);
        foreach (var key in keys)
        {
            _common.TryAdd(key, 0);
        }
        _commonLoaded = true;
    }

    private async Task<HashSet<string>> PreviousCounterpartsAsync(DbConnection connection, DbTransaction transaction, string reportId, CancellationToken token)
    {
        const string Sql = """
            SELECT DISTINCT o.report_id FROM reuse_keys o
            WHERE o.band_key IN (SELECT s.band_key FROM reuse_keys s WHERE s.report_id = @ReportId) AND o.report_id <> @ReportId
            """;
        return (await connection.QueryAsync<string>(new CommandDefinition(Sql, new { ReportId = reportId }, transaction, cancellationToken: token)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, string reportId, CancellationToken token)
    {
        foreach (var table in (string[])["reuse_keys", "reuse_passages", "reuse_reports"])
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE report_id = @ReportId", new { ReportId = reportId }, transaction, cancellationToken: token)).ConfigureAwait(false);
        }
    }

    private async Task<List<KeyHolder>> HoldersAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> keys, CancellationToken token)
    {
        var sql = $"SELECT band_key, report_id, passage_no FROM reuse_keys WHERE {database.Dialect.In("band_key", "Keys")}";
        var holders = new List<KeyHolder>();
        foreach (var chunk in keys.Chunk(KeysPerQuery))
        {
            holders.AddRange(await connection.QueryAsync<KeyHolder>(new CommandDefinition(sql, new { Keys = chunk }, transaction, cancellationToken: token)).ConfigureAwait(false));
        }
        return holders;
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, ReuseDocument document, HashSet<long> stored, CancellationToken token)
    {
        var body = document.Body;
        var report = new TableRows("reuse_reports", "report_id", "revision", "jurisdiction_code", "level", "report_year", "report_type", "total_weight");
        report.Add(body.ReportId, body.Revision, body.JurisdictionCode, body.Level, body.ReportYear, body.ReportType, body.TotalWeight);
        var passages = new TableRows("reuse_passages", "report_id", "passage_no", "section_path", "start_at", "length", "weight", "excerpt");
        var keys = new TableRows("reuse_keys", "band_key", "report_id", "passage_no");
        foreach (var passage in document.Passages)
        {
            passages.Add(body.ReportId, passage.No, passage.SectionPath, passage.Span.Start, passage.Span.Length, passage.Weight, passage.Excerpt);
            foreach (var key in ReuseIndex.Keys(passage).Distinct().Where(stored.Contains))
            {
                keys.Add(key, body.ReportId, passage.No);
            }
        }
        await connection.InsertAsync(database.Dialect, transaction, report, token).ConfigureAwait(false);
        await connection.InsertAsync(database.Dialect, transaction, passages, token).ConfigureAwait(false);
        await connection.InsertAsync(database.Dialect, transaction, keys, token).ConfigureAwait(false);
    }

    private async Task<List<ReuseBody>> ReportsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = $"SELECT report_id, revision, jurisdiction_code, level, report_year, report_type, total_weight FROM reuse_reports WHERE {database.Dialect.In("report_id", "Ids")}";
        var rows = await connection.QueryInChunksAsync<ReportRow>(sql, reportIds, ids => new { Ids = ids }, transaction, token).ConfigureAwait(false);
        return [.. rows.Select(r => new ReuseBody(r.ReportId, r.Revision, r.JurisdictionCode, r.Level, r.ReportYear, r.ReportType, r.TotalWeight)).OrderBy(b => b.ReportId, StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, Dictionary<int, Passage>>> PassagesAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = $"SELECT report_id, passage_no, section_path, start_at, length, weight, excerpt FROM reuse_passages WHERE {database.Dialect.In("report_id", "Ids")}";
        var rows = await connection.QueryInChunksAsync<PassageRow>(sql, reportIds, ids => new { Ids = ids }, transaction, token).ConfigureAwait(false);
        return rows.GroupBy(r => r.ReportId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.ToDictionary(r => r.PassageNo, r => new Passage(r.PassageNo, r.SectionPath, new TextSpan(r.StartAt, r.Length), r.Excerpt, r.Weight, 0, 0)),
            StringComparer.Ordinal);
    }

    // Classes Dapper fills by column name: a server's BIGINT maps onto an int property, not onto a record's constructor.
    private sealed class KeyHolder
    {
        public long BandKey { get; set; }
        public string ReportId { get; set; } = "";
        public int PassageNo { get; set; }
    }

    private sealed class ReportRow
    {
        public string ReportId { get; set; } = "";
        public int Revision { get; set; }
        public string JurisdictionCode { get; set; } = "";
        public string Level { get; set; } = "";
        public int ReportYear { get; set; }
        public string ReportType { get; set; } = "";
        public int TotalWeight { get; set; }
    }

    private sealed class PassageRow
    {
        public string ReportId { get; set; } = "";
        public int PassageNo { get; set; }
        public string SectionPath { get; set; } = "";
        public int StartAt { get; set; }
        public int Length { get; set; }
        public int Weight { get; set; }
        public string Excerpt { get; set; } = "";
    }
}
