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
        var aboutTitle = title.Contains("关于", StringComparison.Ordinal);
        foreach (var issuer in titleIssuers)
        {
            Add(signals, JurisdictionSignalSources.TitleIssuer, issuer, registry, aboutTitle);
        }
        foreach (var named in TitleNames(title).Except(titleIssuers, StringComparer.Ordinal))
        {
            Add(signals, JurisdictionSignalSources.Title, named, registry);
        }
        foreach (var signed in signature?.Split('、', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            Add(signals, JurisdictionSignalSources.Signature, signed, registry);
        }
        // The opening is prose: a name it seems to give counts only when it is a division. The subject of the first
        // clause ("2024年,在市委…领导下,X县坚持…"), else the body the report is announced for ("现将X镇2023年…报告如下",
        // "特编制X局2023年政府信息公开工作年度报告").
        var subject = OpeningSubject(opening)
            ?? (AnnouncedName().Match(opening.Length > 600 ? opening[..600] : opening) is { Success: true } announced ? announced.Groups["name"].Value : null);
        subject = subject is null ? null : DivisionShortForms.Default.StreetName(subject);
        if (subject is not null && Signal(JurisdictionSignalSources.Opening, subject, registry) is { } opened
            && (opened.Codes.Count > 0 || UnknownTownshipAlone(opened, signals)))
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

    // A township the registry does not know ("2024年,鹤龙街坚持…"), named by the opening of a page whose title and
    // signature name no body: kept, so that its kind gives the level; it never gives a code.
    private static bool UnknownTownshipAlone(JurisdictionSignal opened, List<JurisdictionSignal> signals) =>
        !opened.Department && JurisdictionLevels.FromName(opened.Name) == JurisdictionLevels.Township && !signals.Any(s => s.IsStrong);

    // The subject of the first clause, or of the first line that opens with the year under a preamble or a heading
    // ("本年度报告根据…编制。" / "一、总体情况" / "2022年,X市坚持…"): the name with the department after it, if any.
    private static string? OpeningSubject(string opening)
    {
        var lineStart = 0;
        for (var line = 0; line < OpeningLines && lineStart < opening.Length; line++)
        {
            var end = opening.IndexOf('\n', lineStart);
            var text = opening[lineStart..(end < 0 ? opening.Length : end)].TrimStart();
            if ((line == 0 || YearFirst().IsMatch(text)) && SentenceSubject(text.Length > 240 ? text[..240] : text) is { } subject)
            {
                return subject;
            }
            if (end < 0)
            {
                break;
            }
            lineStart = end + 1;
        }
        return null;
    }

    private const int OpeningLines = 4;

    // The subject of the line's first sentence, else of its second when the first names none ("2024年是…之年。X街道始终
    // 坚持…").
    private static string? SentenceSubject(string text)
    {
        if (OpeningName().Match(text) is { Success: true } open)
        {
            return open.Groups["name"].Value + open.Groups["department"].Value;
        }
        var stop = text.IndexOf('。', StringComparison.Ordinal);
        return stop > 0 && OpeningName().Match(text[(stop + 1)..]) is { Success: true } second
            ? second.Groups["name"].Value + second.Groups["department"].Value
            : null;
    }

    private static void Add(List<JurisdictionSignal> signals, string source, string organization, JurisdictionRegistry registry,
        bool aboutTitle = false)
    {
        if (Signal(source, organization, registry, aboutTitle) is { } signal)
        {
            signals.Add(signal);
        }
    }

    private static JurisdictionSignal? Signal(string source, string organization, JurisdictionRegistry registry, bool aboutTitle = false)
    {
        var trimmed = organization.Trim();
        if (BodyName(trimmed) is not { } body)
        {
            return null;
        }
        var codes = registry.Fitting(body.Name).Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        // A name with 市/县/区 inside it (新市街道办事处) splits wrongly; the whole name, when the registry has it, is the body.
        if (codes.Count == 0 && WholeName().Match(trimmed) is { Success: true } whole && registry.Named(whole.Groups["name"].Value) is { Count: > 0 } named)
        {
            body = (whole.Groups["name"].Value, false);
            codes = named.Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        }
        // A report its title names after the government's office (X县人民政府办公室2023年政府信息公开工作年度报告, the
        // office stacked above the title or run into it) is the office's own; the office before 关于 (X县人民政府办公室
        // 关于…) reports for the government, and in a header field it is only who posted the page.
        var office = (source == JurisdictionSignalSources.Title || (source == JurisdictionSignalSources.TitleIssuer && !aboutTitle))
            && trimmed.EndsWith("政府办公室", StringComparison.Ordinal);
        return new JurisdictionSignal(source, trimmed, body.Name, body.Department || office, codes);
    }

    /// <summary>
    /// "中共汾西县委" → 汾西县; "浑源县司法局" → 浑源县, a department; "X区教育委员会", "中共X区委教育工作委员会" → X区, a
    /// department (a committee below the government or the Party committee, not either of them); "县府办" → null.
    /// </summary>
    public static (string Name, bool Department)? BodyName(string organization)
    {
        var written = GovernmentInfix().Replace(organization.StartsWith("中共", StringComparison.Ordinal) ? organization[2..] : organization, "");
        // Joint issuers run together ("中共X乡党委X乡人民政府"): the government after its Party committee.
        if (PartyThenGovernment().Match(written) is { Success: true } joint)
        {
            written = written[joint.Groups["government"].Index..];
        }
        var trimmed = GovernmentSuffix().Replace(written, "");
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
        var rest = written[name.Length..];
        return (name, rest.Length > 0 && DepartmentSuffix().IsMatch(rest) && !GovernmentOnly().IsMatch(rest));
    }

    [GeneratedRegex(@"^(?<name>[\u4e00-\u9fff]{2,20}?)(?:党委|党工委|工委|委)(?<government>\k<name>)")]
    private static partial Regex PartyThenGovernment();

    [GeneratedRegex(@"^(?:中共)?(?<name>[\u4e00-\u9fff]{2,12}(?:街道|镇|乡|苏木))(?:办事处|人民政府|政府|党工委|党委|工委)?$")]
    private static partial Regex WholeName();

    // What names the government or the Party committee itself, not a department of it.
    [GeneratedRegex(@"^(?:人民政府|人民政府办公室|政府|委员会|党委|党工委|委|县委|市委|区委)$")]
    private static partial Regex GovernmentOnly();

    // "大同市云冈区2025年…报告" → 大同市云冈区; "关于大同市云冈区…" and "海淀区人民政府关于海淀区2024年…" → the name after 关于;
    // "2024年度X乡法治政府建设…" → the name after the year; "中共X县委 X县人民政府关于…" → each body before 关于.
    private static IEnumerable<string> TitleNames(string title)
    {
        var year = YearPattern().Match(title);
        // The subject the name stands before: 法治… in a rule-of-law title, 政府信息公开… in a disclosure one
        // ("2022年上海市政府信息公开工作年度报告").
        var subject = title.IndexOf("法治", StringComparison.Ordinal) is var rule and >= 0 ? rule : title.IndexOf("政府信息公开", StringComparison.Ordinal);
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

    /// <summary>
    /// The level of the body that speaks in the text when its name does not settle it: 我县/本县/县政府 … a county,
    /// 我镇/镇党委/街道党工委 a township, 本局/我局/区政府办公室 a department, whichever kind is said most often (全县, 全市 count
    /// too, but 全局 is "the whole picture" as often as "the whole bureau" and does not). Null on a tie or when none.
    /// Returns the level and the words it rests on.
    /// </summary>
    public static (string Level, string Basis)? SelfLevel(string opening)
    {
        var counts = new Dictionary<string, (int Count, string First)>(StringComparer.Ordinal);
        // One scan: a collection keeps its matches, so the loop below reads those the region test found.
        var matches = SelfLevelPattern().Matches(opening);
        var region = matches.Any(m => m.Groups["unit"].Value == "自治区");
        foreach (Match match in matches)
        {
            var unit = match.Groups["unit"].Value;
            var level = unit switch
            {
                "省" or "自治区" => JurisdictionLevels.Province,
                // An autonomous region speaks of itself as 我区, 全区 (自治区人民政府…, 全区累计…).
                "区" when region => JurisdictionLevels.Province,
                "市" or "州" or "盟" => JurisdictionLevels.City,
                "县" or "区" or "旗" => JurisdictionLevels.County,
                "镇" or "乡" or "街道" => JurisdictionLevels.Township,
                _ => JurisdictionLevels.Department,
            };
            var (count, first) = counts.GetValueOrDefault(level);
            counts[level] = (count + 1, first ?? match.Value);
        }
        var ranked = counts.OrderByDescending(c => c.Value.Count).ToList();
        return ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Value.Count == ranked[0].Value.Count) ? null : (ranked[0].Key, ranked[0].Value.First);
    }

    // A government or committee that starts a clause speaks for itself, unless the clause names it as a superior the body
    // works under ("在市委、市政府的正确领导下,…").
    [GeneratedRegex(
        @"(?:(?:我|本)(?<unit>街道|省|市|州|县|区|旗|镇|乡|局|委|办)|全(?<unit>省|市|州|县|区|旗|镇|乡|街道)|(?<=^|[,，。;；:：、])(?<unit>省|" +
        @"市|州|县|区|旗|镇|乡|街道)(?:人民政府|政府|党委|党工委|委|办事处)(?!办)(?![^,，。;；]{0,20}(?:领导|指导)下)|(?<=^|[,，。;；:：、\n])" +
        @"(?<unit>自治区)(?:人民政府|政府|党委|主席)(?![^,，。;；]{0,20}(?:领导|指导)下)|(?<=^|[,，。;；:：、])[省市州县区旗](?:人民)?政府(?<unit>办)(?:公室)?)")]
    private static partial Regex SelfLevelPattern();

    [GeneratedRegex(@"((?:19|20)\d{2}) ?年")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(?:19|20)\d{2} ?年")]
    private static partial Regex YearFirst();

    // "2024年,X区坚持…", "2024年以来,中共X县委、X县人民政府…", "2020年X街道深入…", "2021年,在市委、市政府的正确领导下,
    // 在市司法局的有力指导下,X区坚持…", "根据…的部署,2023年,X街道以…": a name at the start of the first clause, after the
    // clauses inserted before it; a department after it (X市卫生健康委以…).
    [GeneratedRegex(
        @"^\s*(?:根据[^。;；]{2,160}?[,，]\s*(?=(?:19|20)\d{2} ?年))?(?:(?:(?:19|20)\d{2} ?年(?:度|以来)?|今年以来|一年来)\s*[,，]?\s*)" +
        @"?(?:在[^。;；]{2,60}?下\s*[,，]\s*){0,3}(?:中共)?(?<name>[\u4e00-\u9fff]{2,20}?(?:特别行政区|自治区|自治州|自治县|省|市|盟|县|" +
        @"区|旗|镇|乡|街道|街))(?<department>[\u4e00-\u9fff]{0,10}?(?:局|委员会|办公室|委)(?=坚持|深入|认真|始终|全面|紧紧|以|在|围绕|聚焦|按照|扎实|" +
        @"持续|着力|高度|严格|大力|切实|积极|紧扣|立足|牢固))?(?=(?:人民政府|政府|党委|党工委|委|坚持|深入|认真|始终|全面|紧紧|以|在|围绕|聚焦|按照|扎实|持续|着力|高度|严格|" +
        @"大力|切实|积极|紧扣|立足|牢固|司法局|局|办事处))")]
    private static partial Regex OpeningName();

    [GeneratedRegex(@"(?:我|全|本)(?:街道|县|区|市|镇|乡|旗|局)")]
    private static partial Regex SelfReferencePattern();

    // "现将X镇2023年度法治政府建设情况报告如下", "现将呼中区教育局2025年度…", "特编制X办公室2023年政府信息公开工作年度报告",
    // "现向社会公布2021年X市教育局政府信息公开工作年度报告" (the year first).
    [GeneratedRegex(
        @"(?:现将|现就|现向社会公布|现公布|特编制|编制)(?:(?:19|20)\d{2} ?年度?)?(?:(?<name>[\u4e00-\u9fff]{2,30}?)(?:(?:19|20)\d{2} ?年度?)" +
        @"(?:[\u4e00-\u9fff]{0,12})(?:法治|依法行政|政府信息公开)|(?<=(?:19|20)\d{2} ?年度?)(?<name>[\u4e00-\u9fff]{2,30}?)(?:法治政府|" +
        @"依法行政|政府信息公开))")]
    private static partial Regex AnnouncedName();

    // "北京市朝阳区人民政府望京街道办事处": the government between a division and the body below it.
    [GeneratedRegex(@"(?<=[省市县区旗州盟])(?:人民政府|政府)(?=[\u4e00-\u9fff]{2,}(?:街道|镇|乡|苏木))")]
    private static partial Regex GovernmentInfix();

    [GeneratedRegex(@"(?:人民政府|人民政府办公室|政府|委员会|党委|党工委|委)$")]
    private static partial Regex GovernmentSuffix();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,20}(?:局|委员会|办公室|中心|厅|委|办|院|所|队)$")]
    private static partial Regex DepartmentSuffix();
}
