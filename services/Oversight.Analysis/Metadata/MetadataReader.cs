using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>Puts the metadata together from the page layout, the registry and what the caller supplied.</summary>
public static partial class MetadataReader
{
    /// <summary>
    /// <paramref name="bodyOpening"/> is the start of the report's text; <paramref name="context"/> the page around it (the
    /// header and the opening), where places named besides the body may settle a body the report leaves open;
    /// <paramref name="announcingClause"/> the clause of the opening that announces the report (现将…报告如下), if any.
    /// </summary>
    public static ReportMetadata Read(DocumentLayout layout, string bodyOpening, string context, JurisdictionRegistry registry,
        string? suppliedCode, int? suppliedYear, string? announcingClause = null)
    {
        var fields = layout.HeaderFields;
        var titleYear = YearIn(layout.Title);
        // The year the opening announces the report for, else the first year it names.
        var textYear = (announcingClause is null ? null : YearIn(announcingClause)) ?? YearIn(bodyOpening.Length > 200 ? bodyOpening[..200] : bodyOpening);

        // The body the report itself names (stacked above the title, before its 关于, or in the signature) outranks the
        // office that posted the page (发布机构, 来源: often 县府办, a news desk or a parent government); that office is
        // the issuer only when it is the very body the report is about, and is otherwise kept as PostedBy.
        var publisher = FirstValue(fields, "发布机构");
        var source = FirstValue(fields, "来源") is { } named && OrganizationSuffix().IsMatch(named) ? named : null;
        var titleIssuers = layout.TitleIssuers.Count > 0 ? layout.TitleIssuers.Select(i => i.Trim()).ToList() : TitleIssuers(layout.Title);
        var signals = JurisdictionSignals.Collect(layout.Title, titleIssuers, layout.SignatureIssuer, bodyOpening, fields, registry);
        var verdict = SpeaksOfLowerLevel(JurisdictionWeighing.Weigh(signals, registry), signals, bodyOpening);
        if (verdict.Status != Metadata.JurisdictionResolution.Resolved && string.IsNullOrEmpty(suppliedCode))
        {
            (verdict, var clues) = JurisdictionContext.Settle(verdict, signals, context, bodyOpening, fields, registry);
            signals = [.. signals, .. clues];
        }
        var postedBy = publisher ?? source;
        var postedBySelf = postedBy is not null && verdict.Division is { } body && signals.Any(s =>
            !s.IsStrong && s.Organization == postedBy && s.Codes.Contains(body.Code) && (!s.Department || verdict.Department == postedBy));
        var issuingBodies = titleIssuers.Count > 0 ? titleIssuers
            : layout.SignatureIssuer is { } signed ? [signed]
            : postedBySelf ? [postedBy!]
            : [];
        // The same body written with or without its parents ("北京市西城区司法局", "西城区司法局") posted its own page.
        if (postedBy is not null && issuingBodies.Append(verdict.Department ?? "").Any(b => b.EndsWith(postedBy, StringComparison.Ordinal)))
        {
            postedBy = null;
        }

        var (name, department) = (verdict.Name, verdict.Department);
        // A page whose first sentence speaks for a department ("省教育厅坚持…", "教育局坚持…"), or whose text speaks as its
        // government's office (区政府办公室主动公开…), is that department's report, named or not.
        department ??= JurisdictionContext.SpeakingDepartment(bodyOpening) ?? JurisdictionContext.SpeakingOffice(bodyOpening);
        var code = verdict.Division?.Code;
        var resolution = verdict.Status;
        var candidates = verdict.Candidates;
        string? statedCode = null;
        if (!string.IsNullOrEmpty(suppliedCode))
        {
            // The caller's code wins; what the page says is kept so that a disagreement can be reported.
            statedCode = code;
            code = suppliedCode;
            resolution = Metadata.JurisdictionResolution.Supplied;
            name = registry.Find(suppliedCode)?.Name ?? name;
        }

        // Never guessed: from the code, or from the candidates when they all have one level; a name the registry does
        // not know ("大同经济技术开发区") has none.
        // Else, when the place stays unresolved, from the words the body speaks of itself with (我县, 街道党工委, 本局): a
        // level, never a code, and the basis says so.
        var candidateLevels = candidates.Select(JurisdictionLevels.FromCode).Distinct().ToList();
        var selfLevel = code is null && candidateLevels.Count == 0 && department is null ? JurisdictionSignals.SelfLevel(bodyOpening) : null;
        // A township's name says its kind (北城街街道, 楠木铺乡) even when the registry does not know it.
        var townshipNamed = code is null && candidateLevels.Count == 0 && department is null
            && JurisdictionLevels.FromName(name) == JurisdictionLevels.Township && signals.Any(s => s.IsStrong && s.Name == name);
        var (level, levelBasis) = department is not null ? (JurisdictionLevels.Department, LevelBasis.Department)
            : code is not null ? (JurisdictionLevels.FromCode(code), LevelBasis.Division)
            : candidateLevels.Count == 1 ? (candidateLevels[0], LevelBasis.Candidates)
            : townshipNamed ? (JurisdictionLevels.Township, LevelBasis.Name)
            : selfLevel is { } self ? (self.Level, LevelBasis.SelfReference + ":" + self.Basis)
            : ((string?)null, (string?)null);
        var (published, basis, label) = PublicationDate(fields, layout);
        return new ReportMetadata
        {
            Title = layout.Title,
            Issuer = department ?? string.Join('、', issuingBodies),
            IssuingBodies = department is not null ? [department] : issuingBodies,
            JurisdictionName = name,
            JurisdictionCode = code,
            JurisdictionResolution = resolution,
            JurisdictionCandidates = candidates,
            JurisdictionSignals = signals,
            StatedJurisdictionCode = statedCode,
            Level = level,
            LevelBasis = levelBasis,
            ReportYear = suppliedYear is > 0 ? suppliedYear : titleYear ?? textYear,
            TitleYear = titleYear,
            TextYear = textYear,
            PublishedAt = published?.ToChinaTime(),
            PublishedAtHasTime = published?.Time is not null,
            PublishedAtBasis = basis,
            PublishedAtLabel = label,
            PostedBy = postedBy,
            DocumentDate = DocumentDate(fields, layout),
            IndexNumber = FirstValue(fields, "索引号"),
            DocumentNumber = FirstValue(fields, "文号"),
            Addressees = layout.Addressees,
            HeaderFields = fields,
        };
    }

    /// <summary>
    /// The publication time, what it rests on and which header field gave it: a labelled 发布日期/发布时间 (one with a
    /// time of day beats one without), else 更新时间 (portals that print no other date), else a date in brackets after
    /// the title, else a bare date in the page chrome.
    /// </summary>
    private static (ParsedDate? Date, string? Basis, string? Label) PublicationDate(IReadOnlyList<HeaderField> fields, DocumentLayout layout)
    {
        foreach (var label in PublicationLabels)
        {
            ParsedDate? best = null;
            foreach (var field in fields.Where(f => f.Name == label))
            {
                if (ChineseDateParser.TryParse(field.Value, out var date) && (best is null || (best.Value.Time is null && date.Time is not null)))
                {
                    best = date;
                }
            }
            if (best is not null)
            {
                return (best, PublicationBasis.HeaderField, label);
            }
        }
        if (layout.TitleDate is { } titled)
        {
            return (titled, PublicationBasis.TitleDate, null);
        }
        return layout.PageDates.Count > 0 ? (layout.PageDates[0], PublicationBasis.PageDate, null) : (null, null, null);
    }

    private static readonly string[] PublicationLabels = ["发布日期", "更新时间"];

    // A body read only from the opening sentence ("2020年,北京市司法局坚持…") whose text speaks of itself as a lower level
    // (全区, 依法治区 …: a district's bureau that named its city's) is not settled: unresolved rather than a wrong code.
    private static JurisdictionVerdict SpeaksOfLowerLevel(JurisdictionVerdict verdict, IReadOnlyList<JurisdictionSignal> signals, string opening)
    {
        if (verdict.Status != JurisdictionResolution.Resolved || verdict.Division is not { } division
            || signals.Any(s => s.IsStrong && s.Source != JurisdictionSignalSources.Opening)
            || JurisdictionSignals.SelfLevel(opening) is not { } self || self.Level == JurisdictionLevels.Department)
        {
            return verdict;
        }
        // A municipality (北京市, a province by its code) speaks of itself as a city: 全市.
        var own = division.Name.EndsWith('市') ? JurisdictionLevels.City : JurisdictionLevels.FromCode(division.Code);
        return Rank(self.Level) > Rank(own)
            ? verdict with { Status = JurisdictionResolution.Unresolved, Division = null }
            : verdict;
    }

    private static int Rank(string? level) => level switch
    {
        JurisdictionLevels.Province => 0,
        JurisdictionLevels.City => 1,
        JurisdictionLevels.County => 2,
        JurisdictionLevels.Township => 3,
        _ => -1,
    };

    // When the report was written or issued, never when it was posted: the signature's date, else the header's
    // 成文日期 (生成日期, 发文日期, 发文时间 …), else the author's dateline under the title.
    private static DateOnly? DocumentDate(IReadOnlyList<HeaderField> fields, DocumentLayout layout)
    {
        if (layout.SignatureDate is { } signed)
        {
            return signed.Date;
        }
        foreach (var field in fields.Where(f => f.Name == "成文日期"))
        {
            if (ChineseDateParser.TryParse(field.Value, out var written))
            {
                return written.Date;
            }
        }
        return layout.Dateline?.Date;
    }

    // "浑源县人民政府关于2025年法治政府建设情况的报告", "中共X县委 X县人民政府关于…": the bodies before 关于.
    private static List<string> TitleIssuers(string title)
    {
        var about = title.IndexOf("关于", StringComparison.Ordinal);
        if (about <= 0)
        {
            return [];
        }
        var names = title[..about].Split([' ', '、'], StringSplitOptions.RemoveEmptyEntries);
        return names.Length > 0 && names.All(n => TitleIssuer().IsMatch(n)) ? [.. names] : [];
    }

    private static string? FirstValue(IReadOnlyList<HeaderField> fields, string name) =>
        fields.FirstOrDefault(f => f.Name == name && f.Value.Length > 0)?.Value;

    private static int? YearIn(string text)
    {
        var match = YearPattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    // Not the end of a range: a plan's "(2023—2027年)" names no report year.
    [GeneratedRegex(@"(?<!(?:19|20)\d{2} ?[—–\-~～至到] ?)((?:19|20)\d{2}) ?年")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(?:中共)?[\u4e00-\u9fff]{2,24}(?:人民政府|委员会|党委|党工委|政府|办公室|办事处|局|委|厅|办|院|中心)$")]
    private static partial Regex TitleIssuer();

    [GeneratedRegex(@"(?:人民政府|政府|委员会|局|委|办公室|办|厅|中心|院|办事处)$")]
    private static partial Regex OrganizationSuffix();

}
