using Oversight.Analysis.Metadata;
using Oversight.Analysis.Rules;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.Compliance.Findings;

/// <summary>Open findings counted by code and by body, as a sweep's summary and SummarizeFindings give them.</summary>
public static class FindingCounts
{
    public static IEnumerable<CodeCount> ByCode(IEnumerable<(string Code, string Severity, long Count)> rows) =>
        rows.Select(c => new CodeCount { Code = c.Code, Severity = c.Severity, Count = c.Count });

    /// <summary>One row per body, its counts by severity side by side, named from the division registry.</summary>
    public static IEnumerable<JurisdictionCount> ByJurisdiction(IEnumerable<(string Code, string Severity, long Count)> rows, JurisdictionRegistry divisions)
    {
        foreach (var group in rows.GroupBy(j => j.Code))
        {
            var counts = group.ToDictionary(g => g.Severity, g => g.Count);
            yield return new JurisdictionCount
            {
                JurisdictionCode = group.Key,
                JurisdictionName = divisions.Find(group.Key)?.Name ?? "",
                Errors = counts.GetValueOrDefault(RuleVocabulary.Error),
                Warnings = counts.GetValueOrDefault(RuleVocabulary.Warning),
                Infos = counts.GetValueOrDefault(RuleVocabulary.Info),
            };
        }
    }
}
