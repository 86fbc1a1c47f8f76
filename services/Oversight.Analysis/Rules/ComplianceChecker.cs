using Oversight.Analysis.Indicators;
using Oversight.Analysis.Outline;
using Oversight.Analysis.Revisions;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Rules;

/// <summary>Checks one reading against the rules in force for it. Pure: no clock, the packs are passed in.</summary>
public sealed class ComplianceChecker(MetricExtractor extractor)
{
    /// <summary>
    /// How much later than the platform's first sighting a page's own date may be before it contradicts it: a day, for
    /// sites that stamp the next working day or the day a page was last saved. A page date earlier than the first
    /// sighting is no contradiction: the platform may have started watching the body after the report was published.
    /// </summary>
    public static readonly TimeSpan PageDateTolerance = TimeSpan.FromDays(1);

    public static ComplianceChecker Default { get; } = new(MetricExtractor.Default);

    public IReadOnlyList<RuleFinding> Check(ReportReading reading, IEnumerable<RulePack> packs) => Check(CheckInput.From(reading, extractor), packs);

    public static IReadOnlyList<RuleFinding> Check(CheckInput input, IEnumerable<RulePack> packs)
    {
        ArgumentNullException.ThrowIfNull(input);
        var year = input.ReportYear;
        var rules = EffectiveRules.For(packs, input.JurisdictionCode, year, input.Type);
        var findings = new List<RuleFinding>();

        foreach (var (kind, sourced) in rules.Sections.OrderBy(s => Order(s.Key)))
        {
            var coverage = input.Coverage.FirstOrDefault(c => c.Kind == kind);
            var status = coverage?.Status ?? KindCoverage.Absent;
            var rule = sourced.Rule;
            if (status == KindCoverage.Absent && rule.MissingSeverity.Length > 0)
            {
                findings.Add(new(RuleVocabulary.SectionMissing, rule.MissingSeverity, kind,
                    $"报告缺少\"{KindName(kind, input.Type)}\"部分:规则包「{sourced.Pack.Name}」要求报告单列这一内容", [], "", sourced.Pack.PackId, sourced.Pack.Version));
            }
            else if (status == KindCoverage.Uncertain && rule.MissingSeverity.Length > 0)
            {
                // Not absent: a section may be this content, but only its text suggests so, weakly.
                var where = string.Join("、", coverage!.Evidence.Select(e => $"「{e.Excerpt}」"));
                findings.Add(new(RuleVocabulary.SectionUncertain, RuleVocabulary.Info, kind,
                    $"未找到标题写明\"{KindName(kind, input.Type)}\"的部分;{where}可能就是这一内容,但只能从正文用语推断:请人工核对,必要时在标题中写明",
                    coverage.Evidence, "", sourced.Pack.PackId, sourced.Pack.Version));
            }
            else if (status == KindCoverage.InPassing && rule.NotDedicatedSeverity.Length > 0)
            {
                findings.Add(new(RuleVocabulary.SectionNotDedicated, rule.NotDedicatedSeverity, kind,
                    $"\"{KindName(kind, input.Type)}\"只在其他部分中顺带提及,没有单独成节:规则包「{sourced.Pack.Name}」要求单列这一内容",
                    coverage!.Evidence, "", sourced.Pack.PackId, sourced.Pack.Version));
            }
        }

        var shortfalls = input.Coverage.FirstOrDefault(c => c.Kind == SectionKinds.Shortfalls);
        if (rules.Causes is { } causes && shortfalls is { Status: not KindCoverage.Absent } && !input.CausesAnalysed)
        {
            findings.Add(new(RuleVocabulary.ShortfallsWithoutCauses, causes.Rule, SectionKinds.Shortfalls,
                "报告列出了存在的不足,但没有分析原因:法定内容是\"存在的不足和原因\",请补充原因分析", shortfalls.Evidence, "", causes.Pack.PackId, causes.Pack.Version));
        }

        if (rules.Deadline(DeadlineRule.Disclosure, RuleVocabulary.BodyKindOf(input.Level)) is { Rule.Severity.Length: > 0 } disclosure && year > 0)
        {
            var due = disclosure.Rule.DueBefore(year);
            if (input.FirstSeenAt is { } seen && seen < due)
            {
                // The platform saw the report before the deadline: timely, whatever date the page shows or does not show.
            }
            else if (input.PublishedAt is null)
            {
                findings.Add(new(RuleVocabulary.DisclosureDateUnknown, RuleVocabulary.Warning, "",
                    $"无法确定发布日期,不能核实是否在 {due:yyyy年M月d日} 前公开:请提交带发布日期的原始页面,或在提交时填写 published_at",
                    [], "publishedAt", disclosure.Pack.PackId, disclosure.Pack.Version));
            }
            else if (input.PublishedAt >= due)
            {
                findings.Add(new(RuleVocabulary.DisclosureLate, disclosure.Rule.Severity, "",
                    $"{year}年度报告于 {input.PublishedAt:yyyy年M月d日} 发布,晚于公开时限({due:yyyy年M月d日}前)",
                    [], "publishedAt", disclosure.Pack.PackId, disclosure.Pack.Version));
            }
        }

        if (input.Change is { } change && DisclosureDue(input, rules) is { } changeDue
            && change.BaselineSeenAt < changeDue.Due && change.SeenAt >= changeDue.Due)
        {
            findings.Add(ChangedAfterDeadline(change, changeDue.Due, changeDue.Pack));
        }

        if (input.FirstSeenAt is { } firstSeen && input.PageDate is { } pageDate
            && pageDate.ToOffset(ChinaTime.Offset).Date > firstSeen.ToOffset(ChinaTime.Offset).Date + PageDateTolerance)
        {
            findings.Add(new(RuleVocabulary.PageDateAfterFirstSeen, RuleVocabulary.Warning, "",
                $"页面显示的发布日期 {pageDate.ToOffset(ChinaTime.Offset):yyyy年M月d日} "
                + $"晚于平台首次看到该报告的时间 {firstSeen.ToOffset(ChinaTime.Offset):yyyy年M月d日 HH:mm}:页面日期可能被改动过,请核对实际发布时间",
                [], "publishedAt", Baseline(rules).PackId, Baseline(rules).Version));
        }

        if (input.TitleYear is { } titleYear && input.TextYear is { } textYear && titleYear != textYear)
        {
            findings.Add(new(RuleVocabulary.ReportYearMismatch, RuleVocabulary.Warning, "",
                $"标题写的是{titleYear}年,正文报告的却是{textYear}年的工作:请核对报告年度", [], "reportYear", Baseline(rules).PackId, Baseline(rules).Version));
        }
        if (input.StatedJurisdictionCode is { } stated && input.JurisdictionCode.Length > 0 && stated != input.JurisdictionCode)
        {
            findings.Add(new(RuleVocabulary.JurisdictionMismatch, RuleVocabulary.Warning, "",
                $"提交时填写的行政区划代码 {input.JurisdictionCode} 与页面所写的「{input.StatedJurisdictionName ?? stated}」({stated})不一致:请核对报告属于哪个机关,必要时重新提交",
                [], "jurisdictionCode", Baseline(rules).PackId, Baseline(rules).Version));
        }
        if (input.DocumentDate is { } documentDate && year > 0 && documentDate.Year <= year)
        {
            findings.Add(new(RuleVocabulary.DocumentDatedWithinReportYear, RuleVocabulary.Info, "",
                $"落款日期 {documentDate:yyyy年M月d日} 在{year}年度结束之前:年度报告应在年度结束后总结全年工作", [], "documentDate", Baseline(rules).PackId, Baseline(rules).Version));
        }

        // Inputs stored before task areas were read carry none: no finding rather than every area missing.
        if (rules.TaskAreas is { Rule.MissingSeverity.Length: > 0 } areas && input.TaskAreas is { } covered)
        {
            foreach (var area in areas.Rule.Required.Where(a => !covered.Contains(a)))
            {
                var name = TaskAreaCatalog.Default.Areas.FirstOrDefault(a => a.Id == area)?.Name ?? area;
                findings.Add(new(RuleVocabulary.TaskAreaMissing, areas.Rule.MissingSeverity, "",
                    $"主要举措没有涉及法治政府建设实施纲要的任务领域\"{name}\":规则包「{areas.Pack.Name}」要求报告这一领域的工作", [], "taskAreas." + area, areas.Pack.PackId, areas.Pack.Version));
            }
        }

        if (rules.TextReuse is { Rule.Severity.Length: > 0 } reuse && input.Reuse is { } matches)
        {
            findings.AddRange(TextReuseFindings.For(matches, reuse.Rule, reuse.Pack));
        }

        if (rules.Thresholds is { } thresholds && thresholds.Rule.LowQuantitativeSeverity.Length > 0)
        {
            var figures = input.FigureCount;
            if (figures < thresholds.Rule.MinFigures)
            {
                findings.Add(new(RuleVocabulary.LowQuantitativeContent, thresholds.Rule.LowQuantitativeSeverity, "",
                    $"报告只列出了 {figures} 项可比数据,少于 {thresholds.Rule.MinFigures} 项:建议用具体数字说明工作成效", [], "", thresholds.Pack.PackId, thresholds.Pack.Version));
            }
        }
        return findings;
    }

    /// <summary>
    /// When the report of <paramref name="input"/> had to be public by (exclusive), as the packs in force say for its kind of
    /// body; null when no disclosure deadline applies. What a revision's sighting is compared with.
    /// </summary>
    public static DateTimeOffset? DisclosureDue(CheckInput input, IEnumerable<RulePack> packs)
    {
        ArgumentNullException.ThrowIfNull(input);
        return DisclosureDue(input, EffectiveRules.For(packs, input.JurisdictionCode, input.ReportYear, input.Type))?.Due;
    }

    private static (DateTimeOffset Due, RulePack Pack)? DisclosureDue(CheckInput input, EffectiveRules rules) =>
        input.ReportYear > 0 && rules.Deadline(DeadlineRule.Disclosure, RuleVocabulary.BodyKindOf(input.Level)) is { Rule.Severity.Length: > 0 } disclosure
            ? (disclosure.Rule.DueBefore(input.ReportYear), disclosure.Pack)
            : null;

    // Added sentences point into this revision, removed ones into the earlier revision (their evidence names it).
    private static RuleFinding ChangedAfterDeadline(RevisionChange change, DateTimeOffset due, RulePack pack)
    {
        var china = ChinaTime.Offset;
        var shown = change.Added.Count + change.Removed.Count < change.AddedCount + change.RemovedCount ? "(证据只列出前几句)" : "";
        return new(RuleVocabulary.ReportChangedAfterDeadline, RuleVocabulary.Warning, "",
            $"报告在公开时限({due.ToOffset(china):yyyy年M月d日}前)之后被修改:{change.SeenAt.ToOffset(china):yyyy年M月d日 HH:mm} 看到的内容与 "
            + $"{change.BaselineSeenAt.ToOffset(china):yyyy年M月d日 HH:mm} 看到的第 {change.BaselineRevision} 次修订相比,新增 {change.AddedCount} 句、删除 "
            + $"{change.RemovedCount} 句{shown}:请核实修改是否必要,并在页面注明更正的内容和日期",
            [.. change.Added, .. change.Removed], "", pack.PackId, pack.Version);
    }

    /// <summary>
    /// NOT_DISCLOSED for a body that must report and has no report for <paramref name="year"/>, once the disclosure
    /// deadline for its kind of body has passed as of <paramref name="asOf"/> (+08:00); null before then.
    /// </summary>
    public static RuleFinding? CheckNotDisclosed(
        string code, string name, string level, int year, DateOnly asOf, IEnumerable<RulePack> packs, string reportType = ReportTypes.RuleOfLaw)
    {
        var rules = EffectiveRules.For(packs, code, year, reportType);
        if (rules.Deadline(DeadlineRule.Disclosure, RuleVocabulary.BodyKindOf(level)) is not { Rule.Severity.Length: > 0 } disclosure)
        {
            return null;
        }
        var due = disclosure.Rule.DueBefore(year);
        var endOfDay = new DateTimeOffset(asOf.Year, asOf.Month, asOf.Day, 0, 0, 0, ChinaTime.Offset).AddDays(1);
        if (endOfDay <= due)
        {
            return null;
        }
        return new(RuleVocabulary.NotDisclosed, RuleVocabulary.Error, "",
            $"{name}没有公开{year}年度{ReportTypes.Name(reportType)},公开时限({due:yyyy年M月d日}前)已过", [], "", disclosure.Pack.PackId, disclosure.Pack.Version);
    }

    // Findings no pack rule produces (dates, years) are recorded against the broadest pack in force.
    private static (string PackId, int Version) Baseline(EffectiveRules rules)
    {
        var pack = rules.Sections.Values.Select(s => s.Pack).Concat(rules.Deadlines.Select(d => d.Pack)).OrderBy(p => p.ScopePrefix.Length).FirstOrDefault();
        return pack is null ? ("", 0) : (pack.PackId, pack.Version);
    }

    private static int Order(string kind)
    {
        var index = ReportTypes.SectionKindIds.ToList().IndexOf(kind);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>
    /// What findings call a section kind: its name in the section kind data of the report's type (both types have
    /// other_matters, each with its own wording); without a type, or for a kind the type lacks, the first type's that has it.
    /// </summary>
    public static string KindName(string kind, string? reportType = null) =>
        (reportType is null ? null : ReportTypeCatalog.Loaded.Find(reportType).Classifier.Catalog.Kinds.FirstOrDefault(k => k.Kind == kind)?.Name)
        ?? ReportTypeCatalog.Loaded.Types.SelectMany(t => t.Classifier.Catalog.Kinds).FirstOrDefault(k => k.Kind == kind)?.Name ?? kind;
}
