using System.Data.Common;
using Dapper;
using Oversight.Analysis.Rules;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Storage;

/// <summary>Checked revisions, their findings and the findings' audit trail.</summary>
public sealed class FindingStore(Database database)
{
    // Vocabulary as parameters, never literals inside SQL: one spelling, in RuleVocabulary and FindingStatus.
    private const string NotDisclosed = Oversight.Analysis.Rules.RuleVocabulary.NotDisclosed;
    private const string Open = FindingStatus.Open;

    private const string CheckColumns = "report_id, revision, is_current, jurisdiction_code, level, report_year, packs_key, input, checked_at, report_type";

    private const string FindingColumns = "seq, finding_id, finding_key, report_id, revision, is_current, jurisdiction_code, report_year, code, severity, " +
        "section_kind, message, evidence, rule_pack_id, rule_pack_version, status, created_at, sweep_id, report_type";

    private const string InsertColumns = "finding_id, finding_key, report_id, revision, is_current, jurisdiction_code, report_year, code, severity, " +
        "section_kind, message, evidence, rule_pack_id, rule_pack_version, status, created_at, sweep_id, report_type";

    private static readonly string[] CheckColumnNames = CheckColumns.Split(", ");

    private static readonly string[] InsertColumnNames = InsertColumns.Split(", ");

    /// <summary>One check; revision 0 means the current one.</summary>
    public ValueTask<CheckRow?> GetCheckAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync((connection, token) =>
        {
            var sql = revision == 0
                ? $"SELECT {CheckColumns} FROM checks WHERE report_id = @ReportId AND revision = (SELECT MAX(revision) FROM checks WHERE report_id = @ReportId)"
                : $"SELECT {CheckColumns} FROM checks WHERE report_id = @ReportId AND revision = @Revision";
            return connection.QuerySingleOrDefaultAsync<CheckRow?>(new CommandDefinition(sql, new { ReportId = reportId, Revision = revision },
                cancellationToken: token));
        }, cancellationToken);

    /// <summary>Current checks in a scope: report id → (revision, packs key), for sweeps to skip what is up to date.</summary>
    public ValueTask<Dictionary<string, (int Revision, string PacksKey)>> CurrentChecksAsync(string prefix, int year, string reportType,
        CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            const string Sql = "SELECT report_id, revision, packs_key FROM checks WHERE is_current = 1 AND report_year = @Year AND jurisdiction_code LIKE " +
                "@Prefix AND report_type = @Type";
            var rows = await connection.QueryAsync<(string, int, string)>(new CommandDefinition(Sql, new
            {
                Year = year, Prefix = CodePrefix.LikePattern(prefix),
                Type = reportType
            }, cancellationToken: token));
            return rows.ToDictionary(r => r.Item1, r => (r.Item2, r.Item3), StringComparer.Ordinal);
        }, cancellationToken);

    /// <summary>
    /// Stores a check and its findings in one transaction. A finding the rules produce again keeps its id, status
    /// and history (so a waiver survives a re-check); one they no longer produce is removed unless someone acted on it. The newest checked
    /// revision of a report is its current one.
    /// </summary>
    public async ValueTask<IReadOnlyList<FindingRow>> SaveCheckAsync(CheckRow check, IReadOnlyList<FindingRow> findings, CancellationToken cancellationToken) =>
        (await SaveChecksAsync([(check, findings)], cancellationToken))[0];

    /// <summary>Many checks in one transaction (a sweep's batch): one commit instead of one per report.</summary>
    public ValueTask<IReadOnlyList<IReadOnlyList<FindingRow>>> SaveChecksAsync(IReadOnlyList<(CheckRow Check, IReadOnlyList<FindingRow> Findings)> checks,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<IReadOnlyList<FindingRow>>>((connection, transaction, token) => SaveChecksAsync(connection, transaction,
            checks, token), cancellationToken);

    /// <summary>The same inside a caller's transaction (a batch indexed for copy detection in the same commit).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<FindingRow>>> SaveChecksAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(CheckRow Check, IReadOnlyList<FindingRow> Findings)> checks, CancellationToken token)
    {
        // One writer per report: the outbox's check and another caller's of the same report must not both find no
        // check there and insert one (on a server, READ COMMITTED lets them; SQLite lets one writer in anyway).
        // And one per body and year against a sweep's NOT_DISCLOSED, which a first check withdraws.
        var names = checks.Select(c => "check:" + c.Check.ReportId).Concat(checks.Select(c => ReportedLock(c.Check.ReportYear, c.Check.JurisdictionCode)));
        await connection.TakeAsync(database.Dialect, transaction, names, token);
        // A report's first check (a cold sweep's every one) has nothing to keep or supersede: its rows go in bulk.
        var known = await CheckedAsync(connection, transaction, checks.Select(c => c.Check.ReportId), token);
        // What subscribers are told (report.ingested, finding.opened, finding.resolved) is queued in this transaction too.
        var events = await Push.CheckEvents.BeforeAsync(connection, database.Dialect, transaction, checks.Select(c => c.Check.ReportId),
            token);
        var bulk = checks.Select(c => c.Check.ReportId).Distinct(StringComparer.Ordinal).Count() == checks.Count;
        var first = new List<CheckRow>();
        var firstFindings = new List<FindingRow>();
        var saved = new List<IReadOnlyList<FindingRow>>(checks.Count);
        foreach (var (check, findings) in checks)
        {
            if (!bulk || known.Contains(check.ReportId))
            {
                saved.Add(await SaveOneAsync(connection, transaction, check, findings, token));
                continue;
            }
            check.IsCurrent = true;
            foreach (var finding in findings)
            {
                finding.IsCurrent = true;
            }
            first.Add(check);
            firstFindings.AddRange(findings);
            saved.Add(findings);
        }
        await WithdrawNotDisclosedAsync(connection, transaction, first, token);
        await connection.InsertAsync(database.Dialect, transaction, CheckRows(first), token);
        await connection.InsertAsync(database.Dialect, transaction, FindingRows(firstFindings), token);
        if (events is not null)
        {
            await events.AfterAsync(connection, database.Dialect, transaction, checks, saved, token);
        }
        return saved;
    }

    private async Task<HashSet<string>> CheckedAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> reportIds, CancellationToken token)
    {
        var sql = $"SELECT DISTINCT report_id FROM checks WHERE {database.Dialect.In("report_id", "Ids")}";
        return (await connection.QueryInChunksAsync<string>(sql, reportIds, ids => new { Ids = ids }, transaction,
            token)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The bodies of these first checks have reported now: a sweep's open NOT_DISCLOSED for them and the year no longer holds.</summary>
    private async Task WithdrawNotDisclosedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CheckRow> first, CancellationToken token)
    {
        foreach (var group in first.GroupBy(c => (c.ReportYear, c.ReportType)))
        {
            var sql = $"DELETE FROM findings WHERE is_current = 1 AND report_year = @Year AND report_type = @Type AND code = @NotDisclosed AND status = " +
                $"@Open AND {database.Dialect.In("jurisdiction_code", "Codes")}";
            await connection.ExecuteInChunksAsync(sql, group.Select(c => c.JurisdictionCode), codes => new
            {
                Year = group.Key.ReportYear,
                Type = group.Key.ReportType, Codes = codes, NotDisclosed, Open
            }, transaction, token);
        }
    }

    private static TableRows CheckRows(IEnumerable<CheckRow> checks)
    {
        var rows = new TableRows("checks", CheckColumnNames);
        foreach (var c in checks)
        {
            rows.Add(c.ReportId, c.Revision, c.IsCurrent, c.JurisdictionCode, c.Level, c.ReportYear, c.PacksKey, c.Input, c.CheckedAt, c.ReportType);
        }
        return rows;
    }

    private static TableRows FindingRows(IEnumerable<FindingRow> findings)
    {
        var rows = new TableRows("findings", InsertColumnNames);
        foreach (var f in findings)
        {
            rows.Add(f.FindingId, f.FindingKey, f.ReportId, f.Revision, f.IsCurrent, f.JurisdictionCode, f.ReportYear, f.Code, f.Severity, f.SectionKind,
                f.Message,
                f.Evidence, f.RulePackId, f.RulePackVersion, f.Status, f.CreatedAt, f.SweepId, f.ReportType);
        }
        return rows;
    }

    /// <summary>Stored checks of several revisions at once, for re-checking them without a fetch.</summary>
    public ValueTask<IReadOnlyList<CheckRow>> GetChecksAsync(IReadOnlyList<string> reportIds, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<CheckRow>>((connection, token) => GetChecksAsync(connection, null, reportIds, token), cancellationToken);

    public async Task<IReadOnlyList<CheckRow>> GetChecksAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> reportIds,
        CancellationToken token)
    {
        var sql = $"SELECT {CheckColumns} FROM checks c WHERE {database.Dialect.In("report_id", "Ids")} AND revision = (SELECT MAX(revision) FROM checks m " +
            $"WHERE m.report_id = c.report_id)";
        return await connection.QueryInChunksAsync<CheckRow>(sql, reportIds, ids => new { Ids = ids }, transaction, token);
    }

    private async Task<IReadOnlyList<FindingRow>> SaveOneAsync(DbConnection connection, DbTransaction transaction, CheckRow check,
        IReadOnlyList<FindingRow> findings, CancellationToken token)
    {
        var key = new { check.ReportId, check.Revision };
        var newest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(revision) FROM checks WHERE report_id = @ReportId", key,
            transaction, cancellationToken: token));
        check.IsCurrent = newest is null || check.Revision >= newest;
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM checks WHERE report_id = @ReportId AND revision = @Revision", key, transaction,
            cancellationToken: token));
        if (check.IsCurrent && newest is not null)
        {
            // Conditions on report_id and revision only, so the planner takes the report's index, never is_current's.
            await connection.ExecuteAsync(new CommandDefinition("UPDATE checks SET is_current = 0 WHERE report_id = @ReportId AND revision <> @Revision", key,
                transaction, cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition("UPDATE findings SET is_current = 0 WHERE report_id = @ReportId AND revision <> @Revision",
                key, transaction, cancellationToken: token));
        }
        await connection.InsertAsync(database.Dialect, transaction, CheckRows([check]), token);
        if (newest is null)
        {
            await WithdrawNotDisclosedAsync(connection, transaction, [check], token);
        }

        var existing = newest is null
            ? new Dictionary<string, FindingRow>(StringComparer.Ordinal)
            : (await connection.QueryAsync<FindingRow>(new CommandDefinition($"SELECT {FindingColumns} FROM findings WHERE report_id = @ReportId AND " +
                $"revision = @Revision", key, transaction, cancellationToken: token)))
                .ToDictionary(f => f.FindingKey, StringComparer.Ordinal);
        var kept = new List<FindingRow>();
        var inserts = new List<FindingRow>();
        foreach (var finding in findings)
        {
            finding.IsCurrent = check.IsCurrent;
            if (existing.Remove(finding.FindingKey, out var old))
            {
                finding.FindingId = old.FindingId;
                finding.Status = old.Status;
                finding.CreatedAt = old.CreatedAt;
                finding.Seq = old.Seq;
                const string Update = """
                    UPDATE findings SET is_current = @IsCurrent, jurisdiction_code = @JurisdictionCode, report_year = @ReportYear, severity = @Severity,
                        message = @Message,
                        evidence = @Evidence, rule_pack_id = @RulePackId, rule_pack_version = @RulePackVersion
                    WHERE finding_id = @FindingId
                    """;
                await connection.ExecuteAsync(new CommandDefinition(Update, finding, transaction, cancellationToken: token));
            }
            else
            {
                inserts.Add(finding);
            }
            kept.Add(finding);
        }
        await connection.InsertAsync(database.Dialect, transaction, FindingRows(inserts), token);
        if (existing.Count > 0)
        {
            // A finding someone acted on (waived, or reopened after a waiver) stays with its history even when the
            // rules in force no longer produce it: a pack edited back and forth must not erase an office's decision.
            var retire = $"""
                DELETE FROM findings WHERE {database.Dialect.In("finding_id", "Ids")} AND status = @Open
                    AND NOT EXISTS (SELECT 1 FROM finding_actions a WHERE a.finding_id = findings.finding_id)
                """;
            var ids = new { Ids = existing.Values.Select(f => f.FindingId).ToList(), Open = FindingStatus.Open };
            await connection.ExecuteAsync(new CommandDefinition(retire, ids, transaction, cancellationToken: token));
        }
        return kept;
    }

    public ValueTask<IReadOnlyList<FindingRow>> ForReportAsync(string reportId, int revision, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<FindingRow>>(async (connection, token) =>
        {
            var sql = $"SELECT {FindingColumns} FROM findings WHERE report_id = @ReportId AND revision = @Revision ORDER BY seq";
            return (await connection.QueryAsync<FindingRow>(new CommandDefinition(sql, new { ReportId = reportId, Revision = revision },
                cancellationToken: token))).AsList();
        }, cancellationToken);

    public ValueTask<IReadOnlyList<FindingRow>> ListAsync(FindingFilter filter, long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<FindingRow>>(async (connection, token) =>
        {
            var where = new List<string> { "seq > @After" };
            if (!filter.IncludeSuperseded)
            {
                where.Add("is_current = 1");
            }
            if (filter.JurisdictionPrefix.Length > 0)
            {
                where.Add("jurisdiction_code LIKE @Prefix");
            }
            if (filter.ReportYear != 0)
            {
                where.Add("report_year = @Year");
            }
            foreach (var (value, clause) in new[] { (filter.Code, "code = @Code"), (filter.Severity, "severity = @Severity"), (filter.Status,
                "status = @Status"), (filter.ReportId, "report_id = @ReportId"), (filter.ReportType, "report_type = @ReportType") })
            {
                if (value.Length > 0)
                {
                    where.Add(clause);
                }
            }
            var sql = $"SELECT {FindingColumns} FROM findings WHERE {string.Join(" AND ", where)} ORDER BY seq {database.Dialect.Limit("Limit")}";
            var parameters = new
            {
                After = afterSeq, Prefix = CodePrefix.LikePattern(filter.JurisdictionPrefix), Year = filter.ReportYear, filter.Code, filter.Severity,
                filter.Status, filter.ReportId, filter.ReportType, Limit = limit
            };
            return (await connection.QueryAsync<FindingRow>(new CommandDefinition(sql, parameters, cancellationToken: token))).AsList();
        }, cancellationToken);

    public ValueTask<(FindingRow? Finding, IReadOnlyList<ActionRow> History)> GetAsync(string findingId, CancellationToken cancellationToken) =>
        database.RunAsync<(FindingRow?, IReadOnlyList<ActionRow>)>(async (connection, token) => await GetAsync(connection, null, findingId,
            token), cancellationToken);

    /// <summary>Waives or reopens a finding and records who did it, why and when; null when there is no such finding.</summary>
    /// <summary>Waives or reopens, with the finding's own history row and the audit entry, in one transaction.</summary>
    public ValueTask<(FindingRow? Finding, IReadOnlyList<ActionRow> History)> SetStatusAsync(string findingId, string status, ActionRow action, AuditRow audit,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync<(FindingRow?, IReadOnlyList<ActionRow>)>(async (connection, transaction, token) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition("UPDATE findings SET status = @Status WHERE finding_id = @FindingId",
                new { FindingId = findingId, Status = status }, transaction, cancellationToken: token));
            if (changed == 0)
            {
                return (null, []);
            }
            action.FindingId = findingId;
            action.Seq = 1 + await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COALESCE(MAX(seq), 0) FROM finding_actions WHERE " +
                "finding_id = @FindingId", new { FindingId = findingId }, transaction, cancellationToken: token));
            const string Insert = "INSERT INTO finding_actions (finding_id, seq, action, reason, actor, at) VALUES (@FindingId, @Seq, @Action, @Reason, " +
                "@Actor, @At)";
            await connection.ExecuteAsync(new CommandDefinition(Insert, action, transaction, cancellationToken: token));
            await AuditStore.AppendAsync(connection, transaction, audit, token);
            var changedFinding = await GetAsync(connection, transaction, findingId, token);
            if (status == FindingStatus.Waived && changedFinding.Item1 is { } waived)
            {
                var subscriptions = await PushStore.ActiveAsync(connection, transaction, token);
                var e = Push.CheckEvents.FindingEvent(Push.PushEventTypes.FindingWaived, waived, action.At, action.Reason, action.Actor);
                await PushStore.AppendEventsAsync(connection, database.Dialect, transaction, subscriptions, [e], action.At, token);
            }
            return changedFinding;
        }, cancellationToken);

    /// <summary>
    /// Brings the NOT_DISCLOSED findings of a year and scope to what a sweep found: adds the new ones, keeps the ones
    /// still true (with their status), removes open ones whose body has reported or no longer must.
    /// </summary>
    public ValueTask<int> ReplaceNotDisclosedAsync(string prefix, int year, string reportType, IReadOnlyList<FindingRow> current,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            // One sweep of a year at a time here, and none while a first check of a flagged body is being stored.
            // The sweep listed the reports before this transaction: a body whose report was checked since then
            // has reported, and is not flagged.
            await connection.TakeAsync(database.Dialect, transaction, current.Select(f => ReportedLock(year,
                f.JurisdictionCode)).Append($"not-disclosed:{year}"), token);
            var parameters = new { Year = year, Prefix = CodePrefix.LikePattern(prefix), Type = reportType, NotDisclosed };
            const string Reported = "SELECT DISTINCT jurisdiction_code FROM checks WHERE is_current = 1 AND report_year = @Year AND jurisdiction_code LIKE " +
                "@Prefix AND report_type = @Type";
            var reported = (await connection.QueryAsync<string>(new CommandDefinition(Reported, parameters, transaction,
                cancellationToken: token))).ToHashSet(StringComparer.Ordinal);
            current = current.Where(f => !reported.Contains(f.JurisdictionCode)).ToList();
            const string Existing = "SELECT finding_key FROM findings WHERE code = @NotDisclosed AND report_year = @Year AND jurisdiction_code LIKE @Prefix " +
                "AND report_type = @Type";
            var existing = (await connection.QueryAsync<string>(new CommandDefinition(Existing, parameters, transaction,
                cancellationToken: token))).ToHashSet(StringComparer.Ordinal);
            var wanted = current.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
            var added = current.Where(f => !existing.Contains(f.FindingKey)).ToList();
            foreach (var finding in added)
            {
                finding.IsCurrent = true; // a body's finding has no revisions to supersede it
            }
            await connection.InsertAsync(database.Dialect, transaction, FindingRows(added), token);
            var remove = $"DELETE FROM findings WHERE code = @NotDisclosed AND status = @Open AND {database.Dialect.In("finding_key", "Keys")}";
            await connection.ExecuteInChunksAsync(remove, existing.Where(k => !wanted.Contains(k)), keys => new { Keys = keys, NotDisclosed, Open },
                transaction, token);
            return added.Count;
        }, cancellationToken);

    private static string ReportedLock(int year, string jurisdictionCode) => $"reported:{year}:{jurisdictionCode}";

    /// <summary>Open current findings of a year and scope: counts by code and severity, and by jurisdiction and severity.</summary>
    public ValueTask<(IReadOnlyList<(string Code, string Severity, long Count)> ByCode, IReadOnlyList<(string Code, string Severity,
        long Count)> ByJurisdiction)> SummaryAsync(string prefix, int year, string reportType, CancellationToken cancellationToken) =>
        database.RunAsync<(IReadOnlyList<(string, string, long)>, IReadOnlyList<(string, string, long)>)>(async (connection, token) =>
        {
            var parameters = new { Year = year, Prefix = CodePrefix.LikePattern(prefix), Type = reportType, Open };
            const string ByCode = "SELECT code, severity, COUNT(*) FROM findings WHERE is_current = 1 AND status = @Open AND report_year = @Year AND " +
                "jurisdiction_code LIKE @Prefix AND report_type = @Type GROUP BY code, severity ORDER BY code, severity";
            const string ByJurisdiction = "SELECT jurisdiction_code, severity, COUNT(*) FROM findings WHERE is_current = 1 AND status = @Open AND " +
                "report_year = @Year AND jurisdiction_code LIKE @Prefix AND report_type = @Type GROUP BY jurisdiction_code, severity ORDER BY " +
                "jurisdiction_code, severity";
            var byCode = (await connection.QueryAsync<(string, string, long)>(new CommandDefinition(ByCode, parameters,
                cancellationToken: token))).AsList();
            var byJurisdiction = (await connection.QueryAsync<(string, string, long)>(new CommandDefinition(ByJurisdiction, parameters,
                cancellationToken: token))).AsList();
            return (byCode, byJurisdiction);
        }, cancellationToken);

    private static async Task<(FindingRow?, IReadOnlyList<ActionRow>)> GetAsync(DbConnection connection, DbTransaction? transaction, string findingId,
        CancellationToken token)
    {
        var finding = await connection.QuerySingleOrDefaultAsync<FindingRow>(new CommandDefinition($"SELECT {FindingColumns} FROM findings WHERE finding_id " +
            $"= @FindingId", new { FindingId = findingId }, transaction, cancellationToken: token));
        if (finding is null)
        {
            return (null, []);
        }
        const string History = "SELECT finding_id, seq, action, reason, actor, at FROM finding_actions WHERE finding_id = @FindingId ORDER BY seq";
        var history = (await connection.QueryAsync<ActionRow>(new CommandDefinition(History, new { FindingId = findingId }, transaction,
            cancellationToken: token))).AsList();
        return (finding, history);
    }
}
