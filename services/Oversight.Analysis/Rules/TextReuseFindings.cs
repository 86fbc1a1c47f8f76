using Oversight.Analysis.Outline;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Rules;

/// <summary>
/// TEXT_REUSED_FROM_OTHER_BODY and TEXT_REUSED_FROM_LAST_YEAR from a report's matches: one finding per other report over
/// the pack's share and passage count, the largest three of each relation, with the passages on both sides.
/// </summary>
public static class TextReuseFindings
{
    private const int FindingsPerRelation = 3;

    public static IEnumerable<RuleFinding> For(IReadOnlyList<ReuseMatch> matches, TextReuseRule rule, RulePack pack)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(pack);
        foreach (var (relation, code) in new[] { (ReuseRelations.OtherBody, RuleVocabulary.TextReusedFromOtherBody),
            (ReuseRelations.LastYear, RuleVocabulary.TextReusedFromLastYear) })
        {
            var threshold = rule.ShareFor(relation);
            var over = matches.Where(m => m.Relation == relation && rule.Flags(m))
                .OrderByDescending(m => m.Share).ThenBy(m => m.OtherReportId, StringComparer.Ordinal).Take(FindingsPerRelation);
            foreach (var match in over)
            {
                var other = relation == ReuseRelations.LastYear
                    ? $"本机关{match.OtherYear}年度报告 {match.OtherReportId}"
                    : $"{(match.OtherName.Length > 0 ? match.OtherName : match.OtherJurisdictionCode)}({match.OtherJurisdictionCode})" +
                        $"{match.OtherYear}年度报告 {match.OtherReportId}";
                var message = $"报告约 {Percent(match.Share)} 的文字({match.Passages} 句)与{other}相同或仅改动名称、数字、日期," +
                    $"超过规则包「{pack.Name}」的 {Percent(threshold)}:请核实是否照搬,并如实总结本年度工作";
                yield return new RuleFinding(code, rule.Severity, "", message, [.. Evidence(match)], "", pack.PackId, pack.Version, match.OtherReportId);
            }
        }
    }

    private static string Percent(double share) => $"{Math.Round(share * 100):0}%";

    // Each reused passage twice: this report's sentence, then the other report's (its id and revision on the evidence).
    private static IEnumerable<Evidence> Evidence(ReuseMatch match)
    {
        foreach (var passage in match.Evidence)
        {
            yield return new Evidence(passage.SectionPath, new TextSpan(passage.Start, passage.Length), passage.Excerpt);
            yield return new Evidence(passage.OtherSectionPath, new TextSpan(passage.OtherStart, passage.OtherLength), passage.OtherExcerpt)
            {
                ReportId = match.OtherReportId,
                Revision = match.OtherRevision,
            };
        }
    }
}
