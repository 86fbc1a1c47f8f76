using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Text;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Vocabulary;

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

    private readonly ConcurrentDictionary<long, byte> _common = new();
    private volatile bool _commonLoaded;

    public int CommonReports => commonReports;

    /// <summary>
    /// Indexes the documents in order, each compared with everything indexed before it (batch peers included), in one
    /// transaction: the batch's keys looked up together, its rows inserted in bulk.
    /// </summary>
    public async ValueTask<ReuseIndexed> IndexAsync(IReadOnlyList<ReuseDocument> documents, CancellationToken cancellationToken)
    {
        await LoadCommonAsync(cancellationToken);
        return await database.InTransactionAsync((connection, transaction, token) => IndexAsync(connection, transaction, documents, token), cancellationToken);
    }

    /// <summary>
    /// The same inside a caller's transaction, so the checks of the batch and of its counterparts commit with the index.
    /// Batches are indexed one at a time: two copies indexed at once would each miss the other (on a server under READ
    /// COMMITTED; SQLite lets one writer in anyway). Call <see cref="LoadCommonAsync"/> first.
    /// </summary>
    public async Task<ReuseIndexed> IndexAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ReuseDocument> documents,
        CancellationToken token)
    {
        await connection.TakeAsync(database.Dialect, transaction, ["reuse-index"], token);
        var counterparts = new List<(string, string, ReuseMatch?)>();
        // A new revision replaces the old one; reports that matched the old text are compared again, so a match the
        // new text no longer has is withdrawn from them.
        var previous = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var reportId in await IndexedAsync(connection, transaction, documents.Select(d => d.Body.ReportId), token))
        {
            previous[reportId] = await PreviousCounterpartsAsync(connection, transaction, reportId, token);
            await DeleteAsync(connection, transaction, reportId, token);
        }

        var keys = documents.SelectMany(d => d.Passages.SelectMany(ReuseIndex.Keys)).Distinct().Where(k => !_common.ContainsKey(k)).ToList();
        var stored = (await HoldersAsync(connection, transaction, keys, token)).ToLookup(h => h.BandKey);
        var others = (await ReportsAsync(connection, transaction, stored.SelectMany(g => g.Select(h => h.ReportId)).Distinct(StringComparer.Ordinal),
            token))
            .ToDictionary(b => b.ReportId, StringComparer.Ordinal);
        var compared = others.Values.Where(o => documents.Any(d => ReuseMatcher.Relation(d.Body, o) is not null
            || ReuseMatcher.Relation(o, d.Body) is not null)).Select(o => o.ReportId);
        var passages = await PassagesAsync(connection, transaction, compared, token);

        var common = new HashSet<long>();
        var peers = new Dictionary<long, List<(ReuseDocument Document, int No)>>();
        var matches = new Dictionary<string, IReadOnlyList<ReuseMatch>>(StringComparer.Ordinal);
        var keyRows = new TableRows("reuse_keys", "band_key", "report_id", "passage_no");
        foreach (var document in documents)
        {
            var self = document.Body;
            var pairs = new Dictionary<string, List<(Passage Self, Passage Other)>>(StringComparer.Ordinal);
            var bodies = new Dictionary<string, (ReuseBody Body, Func<int, Passage?> Passage)>(StringComparer.Ordinal);
            foreach (var passage in document.Passages)
            {
                foreach (var key in ReuseIndex.Keys(passage))
                {
                    if (_common.ContainsKey(key) || common.Contains(key))
                    {
                        continue;
                    }
                    var theirs = stored[key].ToList();
                    var ours = peers.TryGetValue(key, out var held) ? held.Where(p => !ReferenceEquals(p.Document, document)).ToList() : [];
                    if (theirs.Select(h => h.ReportId).Concat(ours.Select(p => p.Document.Body.ReportId))
                        .Distinct(StringComparer.Ordinal).Count() + 1 >= commonReports)
                    {
                        common.Add(key);
                        continue;
                    }
                    foreach (var holder in theirs)
                    {
                        if (others.TryGetValue(holder.ReportId, out var body) && passages.TryGetValue(holder.ReportId, out var list)
                            && list.TryGetValue(holder.PassageNo, out var other))
                        {
                            bodies[holder.ReportId] = (body, n => list.GetValueOrDefault(n));
                            Add(pairs, holder.ReportId, passage, other);
                        }
                    }
                    foreach (var (peer, no) in ours)
                    {
                        bodies[peer.Body.ReportId] = (peer.Body, n => peer.Passages[n]);
                        Add(pairs, peer.Body.ReportId, passage, peer.Passages[no]);
                    }
                    if (!peers.TryGetValue(key, out held))
                    {
                        peers[key] = held = [];
                    }
                    held.Add((document, passage.No));
                    keyRows.Add(key, self.ReportId, passage.No);
                }
            }
            var found = new List<ReuseMatch>();
            foreach (var (otherId, list) in pairs)
            {
                var other = bodies[otherId].Body;
                if (ReuseMatcher.Match(self, other, list) is { } mine)
                {
                    found.Add(mine);
                }
                counterparts.Add((otherId, self.ReportId, ReuseMatcher.Match(other, self, list.Select(p => (p.Other, p.Self)))));
            }
            if (previous.TryGetValue(self.ReportId, out var before))
            {
                counterparts.AddRange(before.Where(id => !pairs.ContainsKey(id)).Select(id => (id, self.ReportId, (ReuseMatch?)null)));
            }
            matches[self.ReportId] = [.. found.OrderByDescending(m => m.Share).ThenBy(m => m.OtherReportId, StringComparer.Ordinal)];
        }

        await InsertCommonAsync(connection, transaction, common, token);
        await InsertAsync(connection, transaction, documents, Sorted(keyRows), token);
        foreach (var key in common)
        {
            _common.TryAdd(key, 0);
        }
        return new ReuseIndexed(matches, counterparts);
    }

    // In key order, the clustered index's pages are each touched once per batch instead of once per row.
    private static TableRows Sorted(TableRows keys)
    {
        var sorted = new TableRows(keys.Table, [.. keys.Columns]);
        foreach (var row in keys.Rows.OrderBy(r => (long)r[0]!).ThenBy(r => (string)r[1]!, StringComparer.Ordinal).ThenBy(r => (int)r[2]!))
        {
            sorted.Add(row);
        }
        return sorted;
    }

    private static void Add(Dictionary<string, List<(Passage, Passage)>> pairs, string otherId, Passage self, Passage other)
    {
        if (!pairs.TryGetValue(otherId, out var list))
        {
            pairs[otherId] = list = [];
        }
        list.Add((self, other));
    }

    private async Task<List<string>> IndexedAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = $"SELECT report_id FROM reuse_reports WHERE {database.Dialect.In("report_id", "Ids")}";
        return await connection.QueryInChunksAsync<string>(sql, reportIds, ids => new { Ids = ids }, transaction, token);
    }

    private async Task InsertCommonAsync(DbConnection connection, DbTransaction transaction, HashSet<long> common, CancellationToken token)
    {
        if (common.Count == 0)
        {
            return;
        }
        // Another replica may have recorded some of them since this one loaded its set.
        var sql = $"DELETE FROM reuse_common WHERE {database.Dialect.InNumbers("band_key", "Keys")}";
        foreach (var chunk in common.Chunk(database.Dialect.NumberListChunk))
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { Keys = database.Dialect.NumberList(chunk) }, transaction,
                cancellationToken: token));
        }
        var rows = new TableRows("reuse_common", "band_key");
        foreach (var key in common)
        {
            rows.Add(key);
        }
        await connection.InsertAsync(database.Dialect, transaction, rows, token);
    }

    /// <summary>The report revisions of a year, scope and type in the index: a sweep reads again any checked report that is not (checked before copy detection
    /// existed).</summary>
    public ValueTask<HashSet<(string ReportId, int Revision)>> IndexedAsync(string prefix, int year, string reportType, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            const string Sql = "SELECT report_id, revision FROM reuse_reports WHERE report_year = @Year AND jurisdiction_code LIKE @Prefix AND report_type " +
                "= @Type";
            var parameters = new { Year = year, Prefix = CodePrefix.LikePattern(prefix), Type = reportType };
            var rows = await connection.QueryAsync<(string, int)>(new CommandDefinition(Sql, parameters, cancellationToken: token));
            return rows.ToHashSet();
        }, cancellationToken);

    /// <summary>The jurisdiction of each of these reports the index holds (a finding's evidence names the other report by id).</summary>
    public ValueTask<Dictionary<string, string>> JurisdictionsAsync(IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            var sql = $"SELECT report_id, jurisdiction_code FROM reuse_reports WHERE {database.Dialect.In("report_id", "Ids")}";
            var rows = await connection.QueryInChunksAsync<(string, string)>(sql, reportIds, ids => new { Ids = ids }, null, token);
            return rows.ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
        }, cancellationToken);

    /// <summary>The common keys, read once per process; later ones are added as this process finds them.</summary>
    public async Task LoadCommonAsync(CancellationToken cancellationToken)
    {
        if (_commonLoaded)
        {
            return;
        }
        var keys = await database.RunAsync((connection, token) => connection.QueryAsync<long>(new CommandDefinition("SELECT band_key FROM reuse_common",
            cancellationToken: token)), cancellationToken);
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
            WHERE o.band_key IN (SELECT p.key1 FROM reuse_passages p WHERE p.report_id = @ReportId UNION SELECT p.key2 FROM reuse_passages p
                WHERE p.report_id = @ReportId)
              AND o.report_id <> @ReportId
            """;
        return (await connection.QueryAsync<string>(new CommandDefinition(Sql, new { ReportId = reportId }, transaction,
            cancellationToken: token))).ToHashSet(StringComparer.Ordinal);
    }

    // Keys are found through the passages' own keys: reuse_keys is clustered by key and has no index by report.
    private static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, string reportId, CancellationToken token)
    {
        const string Keys = """
            DELETE FROM reuse_keys
            WHERE report_id = @ReportId
              AND band_key IN (SELECT p.key1 FROM reuse_passages p WHERE p.report_id = @ReportId UNION SELECT p.key2 FROM reuse_passages p
                  WHERE p.report_id = @ReportId)
            """;
        await connection.ExecuteAsync(new CommandDefinition(Keys, new { ReportId = reportId }, transaction, cancellationToken: token));
        foreach (var table in (string[])["reuse_passages", "reuse_reports"])
        {
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE report_id = @ReportId", new { ReportId = reportId }, transaction,
                cancellationToken: token));
        }
    }

    private async Task<List<KeyHolder>> HoldersAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<long> keys, CancellationToken token)
    {
        var sql = $"SELECT band_key, report_id, passage_no FROM reuse_keys WHERE {database.Dialect.InNumbers("band_key", "Keys")}";
        var holders = new List<KeyHolder>();
        foreach (var chunk in keys.Chunk(database.Dialect.NumberListChunk))
        {
            holders.AddRange(await connection.QueryAsync<KeyHolder>(new CommandDefinition(sql, new { Keys = database.Dialect.NumberList(chunk) }, transaction,
                cancellationToken: token)));
        }
        return holders;
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ReuseDocument> documents, TableRows keys,
        CancellationToken token)
    {
        var reports = new TableRows("reuse_reports", "report_id", "revision", "jurisdiction_code", "level", "report_year", "report_type", "total_weight");
        var passages = new TableRows("reuse_passages", "report_id", "passage_no", "section_path", "start_at", "length", "weight", "excerpt", "key1", "key2");
        var keyed = keys.Rows.Select(r => ((string)r[1]!, (int)r[2]!)).ToHashSet();
        foreach (var document in documents)
        {
            var body = document.Body;
            reports.Add(body.ReportId, body.Revision, body.JurisdictionCode, body.Level, body.ReportYear, body.ReportType, body.TotalWeight);
            // A passage whose keys are all common can be no one's evidence: only its weight counts, in the total.
            foreach (var passage in document.Passages.Where(p => keyed.Contains((body.ReportId, p.No))))
            {
                passages.Add(body.ReportId, passage.No, passage.SectionPath, passage.Span.Start, passage.Span.Length, passage.Weight, passage.Excerpt,
                    passage.Key1, passage.Key2);
            }
        }
        await connection.InsertAsync(database.Dialect, transaction, reports, token);
        await connection.InsertAsync(database.Dialect, transaction, passages, token);
        await connection.InsertAsync(database.Dialect, transaction, keys, token);
    }

    private async Task<List<ReuseBody>> ReportsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = "SELECT report_id, revision, jurisdiction_code, level, report_year, report_type, total_weight FROM reuse_reports WHERE " +
            $"{database.Dialect.In("report_id", "Ids")}";
        var rows = await connection.QueryInChunksAsync<ReportRow>(sql, reportIds, ids => new { Ids = ids }, transaction, token);
        return [.. rows.Select(r => new ReuseBody(r.ReportId, r.Revision, r.JurisdictionCode, r.Level, r.ReportYear, r.ReportType,
            r.TotalWeight)).OrderBy(b => b.ReportId, StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, Dictionary<int, Passage>>> PassagesAsync(DbConnection connection, DbTransaction transaction,
        IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = "SELECT report_id, passage_no, section_path, start_at, length, weight, excerpt FROM reuse_passages WHERE " +
            $"{database.Dialect.In("report_id", "Ids")}";
        var rows = await connection.QueryInChunksAsync<PassageRow>(sql, reportIds, ids => new { Ids = ids }, transaction, token);
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
