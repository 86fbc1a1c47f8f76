namespace Oversight.Analysis.Metadata;

/// <summary>What a report says about itself. Unknown values are null, never guessed.</summary>
public sealed record ReportMetadata
{
    public string Title { get; init; } = "";

    /// <summary>Which kind of annual report this is: one of <see cref="Rules.ReportTypes"/>, from its title.</summary>
    public string ReportType { get; init; } = Rules.ReportTypes.RuleOfLaw;

    /// <summary>The issuing body as written; joint issuers joined with "、".</summary>
    public string Issuer { get; init; } = "";

    public IReadOnlyList<string> IssuingBodies { get; init; } = [];

    /// <summary>The jurisdiction as the report names it ("大同市云冈区", "汾西县").</summary>
    public string JurisdictionName { get; init; } = "";

    public string? JurisdictionCode { get; init; }

    /// <summary>"supplied", "resolved", "ambiguous" or "unresolved".</summary>
    public string JurisdictionResolution { get; init; } = Metadata.JurisdictionResolution.Unresolved;

    public IReadOnlyList<string> JurisdictionCandidates { get; init; } = [];

    /// <summary>Every place the page names its body, with the divisions each fits: what the resolution rests on.</summary>
    public IReadOnlyList<JurisdictionSignal> JurisdictionSignals { get; init; } = [];

    /// <summary>When the caller supplied the code: the code the page itself resolves to, if it resolves to one.</summary>
    public string? StatedJurisdictionCode { get; init; }

    /// <summary>"province", "city", "county", "township" or "department".</summary>
    public string? Level { get; init; }

    /// <summary>What the level rests on: one of <see cref="Metadata.LevelBasis"/>; "self_reference:" and the words for a level read from them.</summary>
    public string? LevelBasis { get; init; }

    public int? ReportYear { get; init; }

    /// <summary>The year the title names.</summary>
    public int? TitleYear { get; init; }

    /// <summary>The year the opening of the text reports on ("2025年,浑源县…").</summary>
    public int? TextYear { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public bool PublishedAtHasTime { get; init; }

    /// <summary>What the publication time rests on: one of <see cref="PublicationBasis"/>; null when none was found.</summary>
    public string? PublishedAtBasis { get; init; }

    /// <summary>The header field the publication time came from ("发布日期", "更新时间") when it came from one.</summary>
    public string? PublishedAtLabel { get; init; }

    /// <summary>The office that posted the page (发布机构 or 来源) when it is not the issuer, e.g. 县府办.</summary>
    public string? PostedBy { get; init; }

    /// <summary>The date of the signature block (落款).</summary>
    public DateOnly? DocumentDate { get; init; }

    public string? IndexNumber { get; init; }

    public string? DocumentNumber { get; init; }

    public IReadOnlyList<string> Addressees { get; init; } = [];

    public IReadOnlyList<HeaderField> HeaderFields { get; init; } = [];

    /// <summary>Where the page names the body with this code: the sources of the signals that fit it.</summary>
    public IReadOnlyList<string> SignalsBehind(string code) =>
        JurisdictionSignals.Where(s => s.Codes.Contains(code)).Select(s => s.Source).Distinct().ToList();
}

/// <summary>Where a publication time was read, strongest first.</summary>
public static class PublicationBasis
{
    /// <summary>A labelled header field: 发布日期, 发布时间, 公开日期 ….</summary>
    public const string HeaderField = "header_field";

    /// <summary>A date in brackets after the title: "…情况报告 (2024-02-26)".</summary>
    public const string TitleDate = "title_date";

    /// <summary>An unlabelled date in the page chrome ("• 2024-01-23"): low confidence.</summary>
    public const string PageDate = "page_date";
}

/// <summary>What a report's level rests on.</summary>
public static class LevelBasis
{
    /// <summary>The resolved (or supplied) division's code.</summary>
    public const string Division = "division";

    /// <summary>The candidates of an ambiguous name, all of one level.</summary>
    public const string Candidates = "candidates";

    /// <summary>A department of the division (X县司法局).</summary>
    public const string Department = "department";

    /// <summary>The kind a township's name ends with (X街道, X乡) when the registry does not know the name.</summary>
    public const string Name = "name";

    /// <summary>The words the body speaks of itself with (我县, 街道党工委, 本局) when the place stays unresolved.</summary>
    public const string SelfReference = "self_reference";
}
