using Oversight.Access;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Checking;

/// <summary>
/// Which other reports' text a caller may see in the evidence of copied-text findings: only reports inside the
/// caller's own scope. A finding on a report in scope may name a report outside it (whose body and year the message
/// says), but the other side's passages are withheld, as GetReport would withhold that report.
/// </summary>
public sealed class EvidenceScope(ReuseStore reuse)
{
    /// <summary>The other reports named in these findings' evidence that lie outside the caller's scope (or are unknown).</summary>
    public async Task<IReadOnlySet<string>> HiddenAsync(Caller caller, IEnumerable<FindingRow> rows, CancellationToken cancellationToken)
    {
        var named = rows.Where(r => r.Evidence.Contains("\"reportId\"", StringComparison.Ordinal))
            .SelectMany(FindingRows.Evidence).Select(e => e.ReportId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (named.Count == 0 || caller.Scope.Length == 0)
        {
            return new HashSet<string>();
        }
        var codes = await reuse.JurisdictionsAsync(named, cancellationToken);
        named.RemoveWhere(id => codes.TryGetValue(id, out var code) && caller.Covers(code));
        return named;
    }
}
