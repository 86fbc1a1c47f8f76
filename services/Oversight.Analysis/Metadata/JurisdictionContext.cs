using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// The places a page names besides its body (a plan 《X县法治政府建设实施方案》, a meeting, an address, the site's
/// name, a province written without its kind) and the government it says leads the body (在市委、市政府的领导下).
/// They settle the body only where the report's own words leave it open, and only when they point at one division:
/// a bare name shared by several places keeps the one candidate that lies in a place the page names, and a report
/// that speaks of itself only as 我县 or 全省 is the one division of that level the places it names lie in. Two
/// divisions, or none, leave the verdict as it was: never a guess.
/// </summary>
public static partial class JurisdictionContext
{
    /// <summary>The verdict, settled by the page's context where it can be, and the clues that settled it.</summary>
    public static (JurisdictionVerdict Verdict, IReadOnlyList<JurisdictionSignal> Clues) Settle(JurisdictionVerdict verdict,
        IReadOnlyList<JurisdictionSignal> signals, string context, string opening, IReadOnlyList<HeaderField> fields,
        JurisdictionRegistry registry)
    {
        if (verdict.Status == JurisdictionResolution.Ambiguous && verdict.Candidates.Count > 1)
        {
            return Narrow(verdict, context, opening, fields, registry);
        }
        if (verdict.Status != JurisdictionResolution.Unresolved)
        {
            return (verdict, []);
        }
        // A body the page names but the registry does not know (北城街街道) is not replaced by a place near it.
        var named = signals.Where(s => s.IsStrong && s.Name.Length > 0).ToList();
        if (named.Count == 0)
        {
            return Place(verdict, context, opening, registry, null);
        }
        // A division the opening alone named and the text showed to be too high (北京市司法局 speaking of 全区, 依法治区):
        // the one division of the text's level in it that the page names (大兴区), if there is exactly one.
        return named is [{ Source: JurisdictionSignalSources.Opening, Codes: [var within] }]
            ? Place(verdict, context, opening, registry, within)
            : (verdict, []);
    }

    // 东湖街道 of eighteen places, on a page that names 朝阳区: the one that lies in 朝阳区 (and in every other place the
    // page names that any candidate lies in: 广东省 beside 清城区 keeps one, 朝阳区 beside 广东省 keeps none).
    private static (JurisdictionVerdict, IReadOnlyList<JurisdictionSignal>) Narrow(JurisdictionVerdict verdict, string context,
        string opening, IReadOnlyList<HeaderField> fields, JurisdictionRegistry registry)
    {
        var candidates = verdict.Candidates;
        var clues = Places(context, registry).Where(p => Within(p, candidates, registry).Count > 0).ToList();
        // Portals number their documents after the division's code (索引号 370402/2022-00029).
        foreach (var index in fields.Where(f => f.Name == "索引号" && f.Value.Length >= 6).Select(f => f.Value[..6]).Distinct())
        {
            if (registry.Find(index) is { } indexed && candidates.Any(c => c == index || registry.IsAncestor(index, c)))
            {
                clues.Add(new JurisdictionSignal(JurisdictionSignalSources.Context, "索引号 " + index, indexed.Name, false, [index]));
            }
        }
        IReadOnlyList<string> keep = clues.Count == 0 ? [] : candidates;
        foreach (var clue in clues)
        {
            var within = Within(clue, candidates, registry);
            keep = keep.Where(within.Contains).ToList();
        }
        if (clues.Count == 0 && candidates.All(c => JurisdictionLevels.FromCode(c) == JurisdictionLevels.Township)
            && LeadingUnit(opening) is { } unit)
        {
            // A township led by 市委、市政府 lies in a city of county level (宜兴市), not in a county or a district.
            keep = candidates.Where(c => registry.Find(c)?.ParentCode is { } parent
                && registry.Find(parent)?.Name.EndsWith(unit, StringComparison.Ordinal) == true).ToList();
            clues = keep.Count == 1
                ? [new JurisdictionSignal(JurisdictionSignalSources.Context, unit + "委", "", false, [registry.Find(keep[0])!.ParentCode!])]
                : [];
        }
        if (keep.Count != 1)
        {
            return (verdict, []);
        }
        return (verdict with { Status = JurisdictionResolution.Resolved, Division = registry.Find(keep[0]), Candidates = [] }, Distinct(clues));
    }

    // The candidates that lie in a place the page names (the body's own name, named again, is no clue), or that an index
    // number names.
    private static List<string> Within(JurisdictionSignal place, IReadOnlyList<string> candidates, JurisdictionRegistry registry) =>
        candidates.Where(c => place.Codes.Any(code => registry.IsAncestor(code, c)
            || (code == c && place.Organization.StartsWith("索引号", StringComparison.Ordinal)))).ToList();

    // "2021年我县…孝昌县法治政府建设工作推进会…": the one county the places named are or lie in, itself named. The places
    // named include ones the text merely mentions, so any second county leaves it open.
    private static (JurisdictionVerdict, IReadOnlyList<JurisdictionSignal>) Place(JurisdictionVerdict verdict, string context,
        string opening, JurisdictionRegistry registry, string? within)
    {
        var department = DepartmentSubject(opening);
        // An office that speaks of itself with its division's unit (区政府办公室) lies in a division of that unit's level.
        var level = department is { } d ? d.Level
            : JurisdictionSignals.SelfLevel(opening) is { } self && self.Level != JurisdictionLevels.Department ? self.Level
            : OfficeUnit().Match(opening) is { Success: true } office ? office.Value[0] switch
            {
                '省' => JurisdictionLevels.Province,
                '市' or '州' => JurisdictionLevels.City,
                _ => JurisdictionLevels.County,
            }
            // A department that works under its government (双牌县教育局在县委、县政府的正确领导下) lies in a division of that level.
            : SpeakingDepartment(opening) is not null && LeadingUnit(opening) is { } leading
                ? leading == "市" ? JurisdictionLevels.City : JurisdictionLevels.County
            : null;
        // A township's text names its neighbours and villages as often as itself: only a county or above is placed so.
        if (level is null or JurisdictionLevels.Township)
        {
            return (verdict, []);
        }
        var places = Places(context, registry);
        var found = new Dictionary<string, List<JurisdictionSignal>>(StringComparer.Ordinal);
        foreach (var place in places)
        {
            var codes = place.Codes;
            // A name shared by several places counts when the page also names the place one of them lies in.
            if (codes.Count > 1)
            {
                codes = codes.Where(c => places.Any(p => p != place && p.Codes.Any(a => registry.IsAncestor(a, c)))).ToList();
            }
            if (codes.Count == 1 && registry.AtLevel(codes[0], level) is { } at && (within is null || registry.IsAncestor(within, at.Code)))
            {
                (found.TryGetValue(at.Code, out var list) ? list : found[at.Code] = []).Add(place);
            }
        }
        // The division must be named itself, not only a place in it: a code is never given for a name the page does not carry.
        if (found.Count != 1 || !found.Single().Value.Any(p => p.Codes.Contains(found.Single().Key)))
        {
            return (verdict, []);
        }
        var (code, clues) = found.Single();
        var division = registry.Find(code)!;
        return (verdict with
        {
            Status = JurisdictionResolution.Resolved,
            Division = division,
            Candidates = [],
            Name = division.Name,
            Department = department?.Name ?? verdict.Department
        }, Distinct(clues));
    }

    private static List<JurisdictionSignal> Distinct(IEnumerable<JurisdictionSignal> clues) =>
        clues.DistinctBy(c => c.Organization, StringComparer.Ordinal).ToList();

    /// <summary>The places <paramref name="context"/> names, each with every division it may be.</summary>
    private static List<JurisdictionSignal> Places(string context, JurisdictionRegistry registry)
    {
        var places = registry.NamesIn(context)
            .Select(n => new JurisdictionSignal(JurisdictionSignalSources.Context, n.Name, n.Name, false,
                n.Divisions.Select(d => d.Code).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        foreach (var (written, province) in DivisionShortForms.Default.Provinces)
        {
            if (ProvinceMention(context, written) && registry.Named(province) is [var division])
            {
                places.Add(new JurisdictionSignal(JurisdictionSignalSources.Context, written, province, false, [division.Code]));
            }
        }
        return places;
    }

    // 浙江 as a province, not inside 浙江省 (read as a name already) nor a street (山东路, 中山东路) or a shore (河南岸).
    private static bool ProvinceMention(string context, string written)
    {
        for (var at = context.IndexOf(written, StringComparison.Ordinal); at >= 0; at = context.IndexOf(written, at + 1, StringComparison.Ordinal))
        {
            var next = at + written.Length < context.Length ? context[at + written.Length] : ' ';
            var before = at > 0 ? context[at - 1] : ' ';
            if (!NotAProvinceAfter.Contains(next) && !NotAProvinceBefore.Contains(before))
            {
                return true;
            }
        }
        return false;
    }

    private const string NotAProvinceAfter = "省路街道岸巷站桥村";
    private const string NotAProvinceBefore = "中上下东西南北大小新老";

    // The government a body says it works under: 在市委、市政府的正确领导下 → 市; none when it names two kinds.
    private static string? LeadingUnit(string opening)
    {
        var units = LeadingPattern().Matches(opening).Select(m => m.Groups["unit"].Value).Distinct().ToList();
        return units.Count == 1 ? units[0] : null;
    }

    [GeneratedRegex(@"在(?:[^。;；]{0,20}?[、和及])?(?<unit>市|县|区)委[、和]?(?:\k<unit>)?(?:人民)?政府[^。;；]{0,12}?领导下")]
    private static partial Regex LeadingPattern();

    // The department the first sentence speaks for, of a division it leaves unnamed: "区司法局坚持…", "区政府办深入…".
    private static (string Name, string Level)? DepartmentSubject(string opening)
    {
        var sentence = opening.IndexOf('。', StringComparison.Ordinal) is var stop and > 0 ? opening[..stop] : opening;
        if (DepartmentPattern().Match(sentence) is not { Success: true } match)
        {
            return null;
        }
        var level = match.Groups["unit"].Value switch
        {
            "省" => JurisdictionLevels.Province,
            "市" or "州" => JurisdictionLevels.City,
            _ => JurisdictionLevels.County,
        };
        return (match.Groups["name"].Value, level);
    }

    /// <summary>The government's office the text speaks as most often (区政府办公室主动公开…), or null.</summary>
    internal static string? SpeakingOffice(string opening) =>
        JurisdictionSignals.SelfLevel(opening) is { Level: JurisdictionLevels.Department } self && OfficeUnit().IsMatch(self.Basis) ? self.Basis : null;

    /// <summary>
    /// The department the first sentence speaks for, named with or without its division: "区司法局坚持…", "省教育厅坚持…",
    /// "省卫生健康委坚持…", "教育局坚持…", "X县教育局在…", a ministry ("司法部坚持…"), a division's sector ("X区教育系统法治建设
    /// 工作坚持…"). Never a Party committee (镇党委) nor the body's own words for
    /// itself (我局), and null when the sentence opens with a government.
    /// </summary>
    internal static string? SpeakingDepartment(string opening)
    {
        var sentence = opening.IndexOf('。', StringComparison.Ordinal) is var stop and > 0 ? opening[..stop] : opening;
        return SpeakingDepartmentPattern().Match(sentence) is { Success: true } match ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(
        @"(?:^|[,，。;；:：\n])\s*(?<name>(?![我本全])[\u4e00-\u9fff]{0,12}?(?:[\u4e00-\u9fff](?:局|厅)|政府办(?:公室)?|[\u4e00-\u9fff]委员会|" +
        @"(?<=[省市州县区旗](?!党)[\u4e00-\u9fff]{1,5})委|(?<=[省市州县区旗][\u4e00-\u9fff]{1,5})系统|[\u4e00-\u9fff](?<![干内各全外支])部)" +
        @")(?=(?:法治建设工作|法治工作)?(?:坚持|深入|认真|始终|全面|紧紧|以|在|围绕|聚焦|按照|扎实|持续|着力|高度|严格|大力|切实|积极|紧扣|立足|牢固))")]
    private static partial Regex SpeakingDepartmentPattern();

    [GeneratedRegex(
        @"(?:^|[,，。;；:：\n])\s*(?<name>(?<unit>省|市|州|县|区|旗)(?:[\u4e00-\u9fff]{1,8}?局|政府办(?:公室)?|[\u4e00-\u9fff]{1,8}?委员会)" +
        @")(?=坚持|深入|认真|始终|全面|紧紧|以|在|围绕|聚焦|按照|扎实|持续|着力|高度|严格|大力|切实|积极|紧扣|立足|牢固)")]
    private static partial Regex DepartmentPattern();

    [GeneratedRegex(@"(?<=^|[,，。;；:：、])[省市州县区旗](?:人民)?政府办")]
    private static partial Regex OfficeUnit();
}
