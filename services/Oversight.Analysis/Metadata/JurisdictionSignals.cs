using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// Finds every place a page names its body: title issuers, the title, the signature, the opening sentence, self-references
/// and the header fields that name an organisation. The words around a name (中共, 关于, 人民政府, 党委, 司法局) are never
/// part of it.
/// </summary>
public static partial class JurisdictionSignals
{
    public static IReadOnlyList<JurisdictionSignal> Collect(string title, IReadOnlyList<string> titleIssuers, string? signature, string opening,
        IReadOnlyList<HeaderField> fields, JurisdictionRegistry registry)
    {
        var signals = new List<JurisdictionSignal>();
        foreach (var issuer in titleIssuers)
        {
            Add(signals, JurisdictionSignalSources.TitleIssuer, issuer, registry);
        }
        foreach (var named in TitleNames(title).Except(titleIssuers, StringComparer.Ordinal))
        {
            Add(signals, JurisdictionSignalSources.Title, named, registry);
        }
        foreach (var signed in signature?.Split('、', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            Add(signals, JurisdictionSignalSources.Signature, signed, registry);
        }
        // The opening is prose: a name it seems to give counts only when it is a division.
        if (OpeningName().Match(opening.Length > 160 ? opening[..160] : opening) is { Success: true } open
            && Signal(JurisdictionSignalSources.Opening, open.Groups["name"].Value, registry) is { Codes.Count: > 0 } opened)
        {
            signals.Add(opened);
        }
        if (SelfReference(opening) is { } self)
        {
            signals.Add(new JurisdictionSignal(JurisdictionSignalSources.SelfReference, self, "", self.EndsWith('局'), []));
        }
        foreach (var field in OrganizationFields)
        {
            foreach (var value in fields.Where(f => f.Name == field && f.Value.Length > 0).Select(f => f.Value).Distinct())
            {
                Add(signals, JurisdictionSignalSources.Header(field), value, registry);
            }
        }
        return signals;
    }

    private static readonly string[] OrganizationFields = ["发布机构", "来源"];

    private static void Add(List<JurisdictionSignal> signals, string source, string organization, JurisdictionRegistry registry)
    {
        if (Signal(source, organization, registry) is { } signal)
        {
            signals.Add(signal);
        }
    }

    private static JurisdictionSignal? Signal(string source, string organization, JurisdictionRegistry registry)
    {
        var trimmed = organization.Trim();
        if (BodyName(trimmed) is not { } body)
        {
            return null;
        }
        var codes = registry.Fitting(body.Name).Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        return new JurisdictionSignal(source, trimmed, body.Name, body.Department, codes);
    }

    /// <summary>"中共汾西县委" → 汾西县; "浑源县司法局" → 浑源县, a department; "县府办" → null.</summary>
    public static (string Name, bool Department)? BodyName(string organization)
    {
        var trimmed = organization.StartsWith("中共", StringComparison.Ordinal) ? organization[2..] : organization;
        trimmed = GovernmentSuffix().Replace(GovernmentInfix().Replace(trimmed, ""), "");
        var segments = JurisdictionRegistry.Segments(trimmed);
        if (segments.Count == 0)
        {
            return null;
        }
        var name = string.Concat(segments);
        if (!trimmed.StartsWith(name, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = trimmed[name.Length..];
        return (name, rest.Length > 0 && DepartmentSuffix().IsMatch(rest));
    }

    // "大同市云冈区2025年…报告" → 大同市云冈区; "关于大同市云冈区…" and "海淀区人民政府关于海淀区2024年…" → the name after 关于;
    // "2024年度X乡法治政府建设…" → the name after the year; "中共X县委 X县人民政府关于…" → each body before 关于.
    private static IEnumerable<string> TitleNames(string title)
    {
        var year = YearPattern().Match(title);
        var subject = title.IndexOf("法治", StringComparison.Ordinal);
        var end = year.Success ? year.Index : subject >= 0 ? subject : 0;
        var prefix = title[..end].Trim();
        if (prefix.EndsWith("关于", StringComparison.Ordinal))
        {
            prefix = prefix[..^2];
        }
        if (prefix.IndexOf("关于", StringComparison.Ordinal) is var about and >= 0)
        {
            var subjectName = prefix[(about + 2)..];
            prefix = subjectName.Length > 0 ? subjectName : prefix[..about];
        }
        if (prefix.Length == 0 && year.Success && subject > year.Index)
        {
            prefix = title[(year.Index + year.Length)..subject].TrimStart('度').Trim();
        }
        return prefix.Split([' ', '、'], StringSplitOptions.RemoveEmptyEntries);
    }

    // The body that speaks in the text: 我县, 全区, 本局 …, whichever is said most often.
    private static string? SelfReference(string opening)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in SelfReferencePattern().Matches(opening))
        {
            counts[match.Value] = counts.GetValueOrDefault(match.Value) + 1;
        }
        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
    }

    [GeneratedRegex(@"((?:19|20)\d{2}) ?年")]
    private static partial Regex YearPattern();

    // "2024年,X区坚持…", "2024年以来,中共X县委、X县人民政府…": a name at the start of the first clause.
    [GeneratedRegex(@"^\s*(?:(?:19|20)\d{2} ?年(?:度|以来)?|今年以来|一年来)\s*[,，]\s*(?:中共)?(?<name>[\u4e00-\u9fff]{2,20}?(?:特别行政区|自治区|自治州|自治县|省|市|盟|县|区|旗|镇|乡|街道))(?=(?:人民政府|政府|党委|党工委|委|坚持|深入|认真|始终|全面|紧紧|以|在|围绕|聚焦|按照|扎实|持续|着力|高度|严格|大力|切实|积极|紧扣|立足|牢固|司法局|局|办事处))")]
    private static partial Regex OpeningName();

    [GeneratedRegex(@"(?:我|全|本)(?:街道|县|区|市|镇|乡|旗|局)")]
    private static partial Regex SelfReferencePattern();

    // "北京市朝阳区人民政府望京街道办事处": the government between a division and the body below it.
    [GeneratedRegex(@"(?<=[省市县区旗州盟])(?:人民政府|政府)(?=[\u4e00-\u9fff]{2,}(?:街道|镇|乡|苏木))")]
    private static partial Regex GovernmentInfix();

    [GeneratedRegex(@"(?:人民政府|人民政府办公室|政府|委员会|党委|党工委|委)$")]
    private static partial Regex GovernmentSuffix();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,20}(?:局|委员会|办公室|中心|厅|委|办|院|所|队)$")]
    private static partial Regex DepartmentSuffix();
}
