namespace Oversight.Analysis.Metadata;

/// <summary>
/// Weighs a page's jurisdiction signals together. The report's own words decide and the header fields only narrow,
/// unless the report names no body at all; a parent named beside a division narrows it; any disagreement, or a body the
/// registry does not know beside one it does, is ambiguous with every candidate: never a guess.
/// </summary>
public static class JurisdictionWeighing
{
    public static JurisdictionVerdict Weigh(IReadOnlyList<JurisdictionSignal> signals, JurisdictionRegistry registry)
    {
        var named = signals.Where(s => s.Name.Length > 0).ToList();
        var strong = named.Where(s => s.IsStrong).ToList();
        var weak = named.Where(s => !s.IsStrong && s.Codes.Count > 0).ToList();
        var pool = strong.Count > 0 ? strong : weak;
        var self = signals.FirstOrDefault(s => s.Source == JurisdictionSignalSources.SelfReference);
        if (pool.Count == 0)
        {
            return new JurisdictionVerdict(JurisdictionResolution.Unresolved, null, [], named.FirstOrDefault()?.Name ?? "", null);
        }
        var lead = pool[0];
        var department = lead.Department && (lead.IsStrong || self?.Department == true) ? lead.Organization : null;
        var union = pool.SelectMany(s => s.Codes).Distinct().Order(StringComparer.Ordinal).ToList();
        if (union.Count == 0)
        {
            return new JurisdictionVerdict(JurisdictionResolution.Unresolved, null, [], lead.Name, department);
        }
        if (pool.Any(s => s.Codes.Count == 0))
        {
            return Ambiguous(MostSpecific(union, registry), lead, department);
        }

        var keep = MostSpecific(union.Where(code => pool.All(s => Names(s, code, registry))).ToList(), registry);
        if (keep.Count == 0)
        {
            return Ambiguous(MostSpecific(union, registry), lead, department);
        }
        if (pool == strong && keep.Count > 1)
        {
            var narrowed = keep.Where(code => weak.Any(w => Names(w, code, registry))).ToList();
            keep = narrowed.Count > 0 ? narrowed : keep;
        }
        if (keep.Count > 1 && self is not null)
        {
            var suffix = self.Organization[1..];
            var narrowed = keep.Where(code => registry.Find(code)?.Name.EndsWith(suffix, StringComparison.Ordinal) == true).ToList();
            keep = narrowed.Count > 0 ? narrowed : keep;
        }
        if (keep.Count > 1)
        {
            return Ambiguous(keep, lead, department);
        }

        var chosen = keep[0];
        // A header naming a body that is neither this one, one of its parents nor one below it disagrees with the report.
        var against = pool == strong ? weak.Where(w => !Names(w, chosen, registry) && !w.Codes.Any(c => registry.IsAncestor(chosen, c))).ToList() : [];
        if (against.Count > 0)
        {
            return Ambiguous([chosen, .. against.SelectMany(w => w.Codes).Distinct().Order(StringComparer.Ordinal)], lead, department);
        }
        var name = pool.FirstOrDefault(s => s.Codes.Contains(chosen))?.Name ?? lead.Name;
        return new JurisdictionVerdict(JurisdictionResolution.Resolved, registry.Find(chosen), [], name, department);
    }

    // The signal names the division itself, or a parent of it (a city named before a district).
    private static bool Names(JurisdictionSignal signal, string code, JurisdictionRegistry registry) =>
        signal.Codes.Any(c => c == code || registry.IsAncestor(c, code));

    // A parent among the candidates only narrows them: 大同市 beside 大同市云冈区 is not a second candidate.
    private static List<string> MostSpecific(IReadOnlyList<string> codes, JurisdictionRegistry registry) =>
        codes.Where(code => !codes.Any(other => other != code && registry.IsAncestor(code, other))).ToList();

    private static JurisdictionVerdict Ambiguous(IReadOnlyList<string> candidates, JurisdictionSignal lead, string? department) =>
        new(JurisdictionResolution.Ambiguous, null, candidates, lead.Name, department);
}
