using System.Text.RegularExpressions;
using Oversight.Vocabulary;

namespace Oversight.Analysis.Rules;

/// <summary>Checks a pack on load and on upsert; every problem is a Chinese message that says what to fix.</summary>
public static partial class RulePackValidation
{
    /// <summary>The problems of <paramref name="pack"/>, given the other packs in force (for overlapping scopes).</summary>
    public static IReadOnlyList<string> Problems(RulePack pack, IEnumerable<RulePack> others)
    {
        var problems = new List<string>();
        if (!PackId().IsMatch(pack.PackId))
        {
            problems.Add($"packId '{pack.PackId}' 无效:请用小写字母、数字、- 或 _,如 shanxi 或 datong-2026");
        }
        if (string.IsNullOrWhiteSpace(pack.Name))
        {
            problems.Add("name 为空:请填写规则包名称,如 大同市");
        }
        if (!CodePrefix.IsValid(pack.ScopePrefix))
        {
            problems.Add($"scopePrefix '{pack.ScopePrefix}' 无效:请填写行政区划代码前缀(最多9位数字),全国基线留空");
        }
        foreach (var (name, year) in new[] { ("yearFrom", pack.YearFrom), ("yearTo", pack.YearTo) })
        {
            if (!ReportYears.IsValidOrAny(year))
            {
                problems.Add($"{name} {year} 无效:请填写 {ReportYears.Range},或 0 表示不限");
            }
        }
        if (pack.YearFrom != 0 && pack.YearTo != 0 && pack.YearFrom > pack.YearTo)
        {
            problems.Add($"yearFrom {pack.YearFrom} 晚于 yearTo {pack.YearTo}");
        }
        foreach (var section in pack.Sections)
        {
            var kinds = ReportTypeCatalog.Loaded.Types.FirstOrDefault(t => t.Id == pack.Type)?.Classifier.Catalog.Kinds.Select(k => k.Kind)
                .ToList() ?? [.. RuleVocabulary.SectionKindIds];
            if (!kinds.Contains(section.Kind))
            {
                problems.Add($"未知的部分类型 '{section.Kind}':{ReportTypes.Name(pack.Type)}可选 {string.Join("、", kinds)}");
            }
            CheckSeverity(problems, $"sections[{section.Kind}].missingSeverity", section.MissingSeverity);
            CheckSeverity(problems, $"sections[{section.Kind}].notDedicatedSeverity", section.NotDedicatedSeverity);
        }
        foreach (var duplicate in pack.Sections.GroupBy(s => s.Kind).Where(g => g.Count() > 1))
        {
            problems.Add($"部分类型 '{duplicate.Key}' 出现了 {duplicate.Count()} 次:每种只能规定一次");
        }
        CheckSeverity(problems, "shortfallsWithoutCausesSeverity", pack.ShortfallsWithoutCausesSeverity);
        if (pack.TaskAreas is { } areas)
        {
            CheckSeverity(problems, "taskAreas.missingSeverity", areas.MissingSeverity);
            var known = TaskAreaCatalog.Default.Areas.Select(a => a.Id).ToList();
            foreach (var area in areas.Required.Where(a => !known.Contains(a)))
            {
                problems.Add($"任务领域 '{area}' 无效:可选 {string.Join("、", known)}");
            }
        }
        if (!ReportTypes.All.Contains(pack.Type))
        {
            problems.Add($"reportType '{pack.ReportType}' 无效:可选 {string.Join("、", ReportTypes.All)}");
        }
        if (pack.TextReuse is { } reuse)
        {
            CheckSeverity(problems, "textReuse.severity", reuse.Severity);
            foreach (var (name, share) in new[] { ("otherBodyShare", reuse.OtherBodyShare), ("lastYearShare", reuse.LastYearShare) })
            {
                if (share is < 0 or > 1 || double.IsNaN(share))
                {
                    problems.Add($"textReuse.{name} {share} 无效:请填写 0–1 之间的比例(如 0.3 表示三成),0 表示不检查");
                }
            }
            if (reuse.MinPassages is < 1 or > 1000)
            {
                problems.Add($"textReuse.minPassages {reuse.MinPassages} 无效:请填写 1–1000,至少多少段相同才算照搬");
            }
        }
        foreach (var deadline in pack.Deadlines)
        {
            if (deadline.Deadline is not (DeadlineRule.Disclosure or DeadlineRule.Reporting))
            {
                problems.Add($"deadline '{deadline.Deadline}' 无效:可选 disclosure(公开)或 reporting(报送)");
            }
            if (deadline.BodyKind.Length > 0 && !RuleVocabulary.BodyKinds.Contains(deadline.BodyKind))
            {
                problems.Add($"bodyKind '{deadline.BodyKind}' 无效:可选 {string.Join("、", RuleVocabulary.BodyKinds)},或留空表示全部");
            }
            if (deadline.YearOffset is < 0 or > 2 || deadline.Month is < 1 or > 12 || deadline.Day < 1
                || deadline.Day > DateTime.DaysInMonth(2001, Math.Clamp(deadline.Month, 1, 12)))
            {
                problems.Add($"{deadline.Deadline} 时限日期无效(yearOffset {deadline.YearOffset}, {deadline.Month}月{deadline.Day}日):请填写真实存在的月日,yearOffset 为 0–2");
            }
            CheckSeverity(problems, $"deadlines[{deadline.Deadline}].severity", deadline.Severity);
        }
        if (pack.Thresholds is { } thresholds)
        {
            if (thresholds.MinFigures < 0)
            {
                problems.Add($"thresholds.minFigures {thresholds.MinFigures} 无效:请填写 0(不检查)或正整数");
            }
            CheckSeverity(problems, "thresholds.lowQuantitativeSeverity", thresholds.LowQuantitativeSeverity);
        }
        foreach (var other in others)
        {
            if (other.PackId != pack.PackId && other.ScopePrefix == pack.ScopePrefix && other.YearsOverlap(pack))
            {
                problems.Add($"与规则包 '{other.PackId}' 的适用范围重叠(同一前缀 '{pack.ScopePrefix}',年份有交叉):请调整 yearFrom/yearTo,或直接更新 '{other.PackId}'");
            }
        }
        return problems;
    }

    private static void CheckSeverity(List<string> problems, string field, string severity)
    {
        if (severity.Length > 0 && !RuleVocabulary.Severities.Contains(severity))
        {
            problems.Add($"{field} '{severity}' 无效:可选 error、warning、info,或留空表示不要求");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex PackId();
}
