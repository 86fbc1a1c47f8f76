namespace Oversight.Analysis.Rules;

/// <summary>A rule together with the pack that supplied it, so every finding can name its source.</summary>
public sealed record Sourced<T>(T Rule, RulePack Pack);

/// <summary>
/// The rules in force for one jurisdiction and year: the packs that cover it, layered from the least to the
/// most specific scope (national → province → city), the most specific winning per rule.
/// </summary>
public sealed class EffectiveRules
{
    private EffectiveRules(
        IReadOnlyDictionary<string, Sourced<SectionRule>> sections,
        Sourced<string>? causes,
        IReadOnlyList<Sourced<DeadlineRule>> deadlines,
        Sourced<Thresholds>? thresholds)
    {
        Sections = sections;
        Causes = causes;
        Deadlines = deadlines;
        Thresholds = thresholds;
    }

    public IReadOnlyDictionary<string, Sourced<SectionRule>> Sections { get; }

    /// <summary>Severity of SHORTFALLS_WITHOUT_CAUSES; null when no pack requires causes.</summary>
    public Sourced<string>? Causes { get; }

    public IReadOnlyList<Sourced<DeadlineRule>> Deadlines { get; }

    public Sourced<Thresholds>? Thresholds { get; }

    /// <summary>The task areas the most specific pack that names any requires.</summary>
    public Sourced<TaskAreaRule>? TaskAreas { get; init; }

    /// <summary>Copy-detection thresholds of the most specific pack that sets them.</summary>
    public Sourced<TextReuseRule>? TextReuse { get; init; }

    public static EffectiveRules For(IEnumerable<RulePack> packs, string jurisdictionCode, int year, string reportType = ReportTypes.RuleOfLaw)
    {
        var sections = new Dictionary<string, Sourced<SectionRule>>(StringComparer.Ordinal);
        Sourced<string>? causes = null;
        var deadlines = new Dictionary<(string, string), Sourced<DeadlineRule>>();
        Sourced<Thresholds>? thresholds = null;
        Sourced<TaskAreaRule>? areas = null;
        Sourced<TextReuseRule>? reuse = null;
        foreach (var pack in packs.Where(p => p.Covers(jurisdictionCode, year, reportType)).OrderBy(p => p.ScopePrefix.Length))
        {
            foreach (var section in pack.Sections)
            {
                sections[section.Kind] = new(section, pack);
            }
            // An empty severity inherits: a narrower pack can tighten or change a rule it names, not silently drop one.
            if (pack.ShortfallsWithoutCausesSeverity.Length > 0)
            {
                causes = new(pack.ShortfallsWithoutCausesSeverity, pack);
            }
            foreach (var deadline in pack.Deadlines)
            {
                deadlines[(deadline.Deadline, deadline.BodyKind)] = new(deadline, pack);
            }
            if (pack.Thresholds is { MinFigures: > 0 } packThresholds)
            {
                thresholds = new(packThresholds, pack);
            }
            if (pack.TaskAreas is { Required.Count: > 0 } packAreas)
            {
                areas = new(packAreas, pack);
            }
            if (pack.TextReuse is { } packReuse)
            {
                reuse = new(packReuse, pack);
            }
        }
        return new EffectiveRules(sections, causes, [.. deadlines.Values], thresholds) { TaskAreas = areas, TextReuse = reuse };
    }

    /// <summary>The deadline of a kind for a kind of body: the rule for that body kind, else the one for any body.</summary>
    public Sourced<DeadlineRule>? Deadline(string deadline, string bodyKind) =>
        Deadlines.FirstOrDefault(d => d.Rule.Deadline == deadline && d.Rule.BodyKind == bodyKind)
        ?? Deadlines.FirstOrDefault(d => d.Rule.Deadline == deadline && d.Rule.BodyKind.Length == 0);
}
