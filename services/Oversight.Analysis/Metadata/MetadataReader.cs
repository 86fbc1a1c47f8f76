using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>Puts the metadata together from the page layout, the registry and what the caller supplied.</summary>
public static partial class MetadataReader
{
    public static ReportMetadata Read(DocumentLayout layout, string bodyOpening, JurisdictionRegistry registry, string? suppliedCode, int? suppliedYear)
    {
        var fields = layout.HeaderFields;
        var titleYear = YearIn(layout.Title);
        var textYear = YearIn(bodyOpening.Length > 200 ? bodyOpening[..200] : bodyOpening);

        // The body the report itself names (stacked above the title, before its 关于, or in the signature) outranks the
        // office that posted the page (发布机构, 来源: often 县府办 or a news desk); that office is kept as PostedBy.
        var publisher = FirstValue(fields, "发布机构");
        var source = FirstValue(fields, "来源") is { } named && OrganizationSuffix().IsMatch(named) ? named : null;
        var issuingBodies = layout.TitleIssuers.Count > 0 ? layout.TitleIssuers.Select(i => i.Trim()).ToList()
            : TitleIssuers(layout.Title) is { Count: > 0 } inTitle ? inTitle
            : layout.SignatureIssuer is { } signed ? [signed]
            : publisher is not null ? [publisher]
            : source is not null ? [source]
            : [];
        var postedBy = publisher ?? source;
        if (postedBy is not null && issuingBodies.Contains(postedBy, StringComparer.Ordinal))
        {
            postedBy = null;
        }

        var (name, department) = JurisdictionName(layout.Title, issuingBodies);
        string? code = null;
        var resolution = Metadata.JurisdictionResolution.Unresolved;
        IReadOnlyList<string> candidates = [];
        if (!string.IsNullOrEmpty(suppliedCode))
        {
            code = suppliedCode;
            resolution = Metadata.JurisdictionResolution.Supplied;
            name = registry.Find(suppliedCode)?.Name ?? name;
        }
        else if (name.Length > 0)
        {
            var resolved = registry.Resolve(name);
            resolution = resolved.Status;
            code = resolved.Division?.Code;
            candidates = resolved.Candidates;
        }

        var level = department is not null ? JurisdictionLevels.Department
            : (code is null ? null : JurisdictionLevels.FromCode(code)) ?? JurisdictionLevels.FromName(name);
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
            Level = level,
            ReportYear = suppliedYear is > 0 ? suppliedYear : titleYear ?? textYear,
            TitleYear = titleYear,
            TextYear = textYear,
            PublishedAt = published?.ToChinaTime(),
            PublishedAtHasTime = published?.Time is not null,
            PublishedAtBasis = basis,
            PublishedAtLabel = label,
            PostedBy = postedBy,
            DocumentDate = layout.SignatureDate?.Date,
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

    // "大同市云冈区2025年…报告" → 大同市云冈区; "中共汾西县委 汾西县人民政府关于2024年度…" → 汾西县;
    // "浑源县司法局2025年…" → 浑源县, a department.
    private static (string Name, string? Department) JurisdictionName(string title, IReadOnlyList<string> issuers)
    {
        var candidates = new List<string>();
        // The name stands before the year, or before the subject when the title gives no year.
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
            // "关于大同市云冈区2025年度…", "海淀区人民政府关于海淀区2024年…": the name after 关于 is the report's subject.
            var subjectName = prefix[(about + 2)..];
            prefix = subjectName.Length > 0 ? subjectName : prefix[..about];
        }
        candidates.AddRange(prefix.Split([' ', '、'], StringSplitOptions.RemoveEmptyEntries));
        candidates.AddRange(issuers);
        foreach (var candidate in candidates)
        {
            var trimmed = candidate.StartsWith("中共", StringComparison.Ordinal) ? candidate[2..] : candidate;
            trimmed = GovernmentSuffix().Replace(trimmed, "");
            var segments = JurisdictionRegistry.Segments(trimmed);
            if (segments.Count == 0)
            {
                continue;
            }
            var divisionLength = segments.Sum(s => s.Length);
            var rest = trimmed.Length >= divisionLength && trimmed.StartsWith(string.Concat(segments), StringComparison.Ordinal) ? trimmed[divisionLength..] : "";
            var name = string.Concat(segments);
            if (rest.Length > 0 && DepartmentSuffix().IsMatch(rest))
            {
                return (name, candidate);
            }
            return (name, null);
        }
        return ("", null);
    }

    private static string? FirstValue(IReadOnlyList<HeaderField> fields, string name) =>
        fields.FirstOrDefault(f => f.Name == name && f.Value.Length > 0)?.Value;

    private static int? YearIn(string text)
    {
        var match = YearPattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"((?:19|20)\d{2}) ?年")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(?:中共)?[\u4e00-\u9fff]{2,24}(?:人民政府|委员会|党委|党工委|政府|办公室|办事处|局|委|厅|办|院|中心)$")]
    private static partial Regex TitleIssuer();

    [GeneratedRegex(@"(?:人民政府|人民政府办公室|政府|委员会|党委|委)$")]
    private static partial Regex GovernmentSuffix();

    [GeneratedRegex(@"(?:人民政府|政府|委员会|局|委|办公室|办|厅|中心|院|办事处)$")]
    private static partial Regex OrganizationSuffix();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,20}(?:局|委员会|办公室|中心|厅|委|办|院|所|队)$")]
    private static partial Regex DepartmentSuffix();
}
