using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Storage;

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

    private Finding Of(FindingRow row, IReadOnlyList<ActionRow> history, IReadOnlySet<string> hidden)
    {
        var finding = new Finding
        {
            FindingId = row.FindingId, ReportId = row.ReportId, Revision = row.Revision, JurisdictionCode = row.JurisdictionCode,
            ReportYear = row.ReportYear, Code = row.Code, Severity = row.Severity, SectionKind = row.SectionKind,
            Message = row.Message, RulePackId = row.RulePackId, RulePackVersion = row.RulePackVersion, Status = row.Status,
            CreatedAt = Timestamp.FromDateTimeOffset(row.CreatedAt), SweepId = row.SweepId,
            JurisdictionName = divisions.Find(row.JurisdictionCode)?.Name ?? "", ReportType = row.ReportType,
        };
        finding.Evidence.AddRange(FindingRows.Evidence(row).Select(e => new Evidence
        {
            SectionPath = e.SectionPath, Span = e.Field.Length > 0 ? null : new TextSpan { Start = e.Start, Length = e.Length },
            Field = e.Field, Excerpt = e.ReportId is { } other && hidden.Contains(other) ? OutOfScopeExcerpt : e.Excerpt,
            ReportId = e.ReportId ?? "", Revision = e.Revision,
        }));
        finding.History.AddRange(history.Select(h => new FindingAction
        {
            Action = h.Action, Reason = h.Reason, Actor = h.Actor, At = Timestamp.FromDateTimeOffset(h.At),
        }));
        return finding;
    }
}
