using System.Data.Common;
using Dapper;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Storage;
using Oversight.Storage;
using Oversight.Storage.Dialects;

namespace Oversight.Compliance.Push;

/// <summary>
/// The events a batch of checks makes, worked out inside the transaction that stores them: what the reports' current
/// findings and checked revisions were before, then what changed. Nothing is read when no subscription is active.
/// A sweep's NOT_DISCLOSED findings are told by sweep.completed, not one by one.
/// </summary>
public sealed class CheckEvents
{
    private const string FindingColumns =
        "finding_id, finding_key, report_id, revision, jurisdiction_code, report_year, code, severity, section_kind, message, status, report_type";

    private readonly IReadOnlyList<SubscriptionRow> _subscriptions;
    private readonly HashSet<(string, int)> _checked;
    private readonly ILookup<string, FindingRow> _before;

    private CheckEvents(IReadOnlyList<SubscriptionRow> subscriptions, HashSet<(string, int)> checkedRevisions, ILookup<string, FindingRow> before)
    {
        _subscriptions = subscriptions;
        _checked = checkedRevisions;
        _before = before;
    }

    /// <summary>Null when no subscription is active (nothing to work out).</summary>
    public static async Task<CheckEvents?> BeforeAsync(DbConnection connection, ISqlDialect dialect, DbTransaction transaction, IEnumerable<string> reportIds,
        CancellationToken token)
    {
        var subscriptions = await PushStore.ActiveAsync(connection, transaction, token);
        if (subscriptions.Count == 0)
        {
            return null;
        }
        var ids = reportIds.Distinct(StringComparer.Ordinal).ToList();
        var revisions = await connection.QueryInChunksAsync<(string, int)>($"SELECT report_id, revision FROM checks WHERE {dialect.In("report_id", "Ids")}",
            ids, chunk => new { Ids = chunk }, transaction, token);
        var findings = await connection.QueryInChunksAsync<FindingRow>($"SELECT {FindingColumns} FROM findings WHERE is_current = 1 AND " +
            $"{dialect.In("report_id", "Ids")}",
            ids, chunk => new { Ids = chunk }, transaction, token);
        return new CheckEvents(subscriptions, [.. revisions], findings.ToLookup(f => f.ReportId, StringComparer.Ordinal));
    }

    /// <summary>After the checks are stored: queues report.ingested, finding.opened and finding.resolved for the subscribers.</summary>
    public Task<int> AfterAsync(DbConnection connection, ISqlDialect dialect, DbTransaction transaction,
        IReadOnlyList<(CheckRow Check, IReadOnlyList<FindingRow> Findings)> checks, IReadOnlyList<IReadOnlyList<FindingRow>> saved, CancellationToken token)
    {
        var events = new List<PushEventRow>();
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i].Check;
            if (!check.IsCurrent)
            {
                continue; // an older revision checked late changes nothing a subscriber sees
            }
            var now = check.CheckedAt;
            var findings = saved[i];
            if (_checked.Add((check.ReportId, check.Revision)))
            {
                var counts = findings.Where(f => f.Status == FindingStatus.Open).GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count(),
                    StringComparer.Ordinal);
                var data = new ReportEventData(check.ReportId, check.Revision, check.JurisdictionCode, check.ReportYear, check.ReportType, check.Level,
                    counts.GetValueOrDefault(RuleVocabulary.Error), counts.GetValueOrDefault(RuleVocabulary.Warning),
                        counts.GetValueOrDefault(RuleVocabulary.Info));
                events.Add(Event(PushEventTypes.ReportIngested, check.JurisdictionCode, check.ReportId, now, PushJson.Write(data)));
            }
            var before = _before[check.ReportId].ToList();
            var known = before.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
            var produced = findings.Select(f => f.FindingKey).ToHashSet(StringComparer.Ordinal);
            events.AddRange(findings.Where(f => !known.Contains(f.FindingKey)).Select(f => FindingEvent(PushEventTypes.FindingOpened, f, now)));
            events.AddRange(before.Where(f => f.Status == FindingStatus.Open && !produced.Contains(f.FindingKey)).Select(f =>
                FindingEvent(PushEventTypes.FindingResolved, f, now)));
        }
        return events.Count == 0
            ? Task.FromResult(0)
            : PushStore.AppendEventsAsync(connection, dialect, transaction, _subscriptions, events, checks[0].Check.CheckedAt, token);
    }

    public static PushEventRow FindingEvent(string type, FindingRow f, string now, string? reason = null, string? actor = null) =>
        Event(type, f.JurisdictionCode, f.FindingId, now, PushJson.Write(new FindingEventData(
            f.FindingId, f.ReportId, f.Revision, f.JurisdictionCode, f.ReportYear, f.ReportType, f.Code, f.Severity, f.SectionKind, f.Message, f.Status)
        { Reason = reason, Actor = actor }));

    public static PushEventRow Event(string type, string jurisdiction, string subject, string now, string data) => new()
    {
        EventId = PushEventRow.NewId(), EventType = type, Jurisdiction = jurisdiction, Subject = subject, OccurredAt = now, Data = data,
    };
}
