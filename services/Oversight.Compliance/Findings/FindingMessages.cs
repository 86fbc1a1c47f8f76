using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Rules;
using Oversight.Analysis.Text;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.Mapping;

namespace Oversight.Compliance.Findings;

/// <summary>
/// Stored findings as contract messages, for one caller: evidence from another report outside the caller's scope
/// keeps its place (report id, section) but not its text (<see cref="EvidenceScope"/>).
/// </summary>
public sealed class FindingMessages(JurisdictionRegistry divisions, EvidenceScope scope)
{
    private const string OutOfScopeExcerpt = "(该报告不在您的辖区范围内,原文不予显示)";

    public async Task<IReadOnlyList<Finding>> ForAsync(Caller caller, IReadOnlyList<FindingRow> rows, CancellationToken cancellationToken)
    {
        var hidden = await scope.HiddenAsync(caller, rows, cancellationToken);
        return [.. rows.Select(r => Of(r, [], hidden))];
    }

    public async Task<Finding> ForAsync(Caller caller, FindingRow row, IReadOnlyList<ActionRow> history, CancellationToken cancellationToken) =>
        Of(row, history, await scope.HiddenAsync(caller, [row], cancellationToken));

    // The row read back as the rule finding it stored, mapped the one way every finding is (ResultMessages), plus
    // what storing added: ids, status, time, sweep and history. Hidden text is dropped after mapping.
    private Finding Of(FindingRow row, IReadOnlyList<ActionRow> history, IReadOnlySet<string> hidden)
    {
        var stored = FindingRows.Evidence(row);
        var evidence = stored.Where(e => e.Field.Length == 0)
            .Select(e => new Evidence(e.SectionPath, new TextSpan(e.Start, e.Length), e.Excerpt) { ReportId = e.ReportId ?? "", Revision = e.Revision });
        var field = stored.FirstOrDefault(e => e.Field.Length > 0)?.Field ?? "";
        var ruleFinding = new RuleFinding(row.Code, row.Severity, row.SectionKind, row.Message, [.. evidence], field, row.RulePackId, row.RulePackVersion);
        var name = divisions.Find(row.JurisdictionCode)?.Name ?? "";
        var finding = ResultMessages.ToMessage(ruleFinding, row.JurisdictionCode, name, row.ReportYear, row.ReportType);
        finding.FindingId = row.FindingId;
        finding.ReportId = row.ReportId;
        finding.Revision = row.Revision;
        finding.Status = row.Status;
        finding.CreatedAt = Timestamp.FromDateTimeOffset(row.CreatedAt);
        finding.SweepId = row.SweepId;
        foreach (var item in finding.Evidence.Where(e => e.ReportId.Length > 0 && hidden.Contains(e.ReportId)))
        {
            item.Excerpt = OutOfScopeExcerpt;
        }
        finding.History.AddRange(history.Select(h => new FindingAction
        {
            Action = h.Action, Reason = h.Reason, Actor = h.Actor, At = Timestamp.FromDateTimeOffset(h.At),
        }));
        return finding;
    }
}
