using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Rules;

/// <summary>Finding codes, severities and body kinds of the stable vocabulary.</summary>
public static class RuleVocabulary
{
    public const string SectionMissing = "SECTION_MISSING";
    public const string SectionNotDedicated = "SECTION_NOT_DEDICATED";
    public const string ShortfallsWithoutCauses = "SHORTFALLS_WITHOUT_CAUSES";
    public const string DisclosureLate = "DISCLOSURE_LATE";
    public const string DisclosureDateUnknown = "DISCLOSURE_DATE_UNKNOWN";
    public const string NotDisclosed = "NOT_DISCLOSED";
    public const string ReportYearMismatch = "REPORT_YEAR_MISMATCH";
    public const string DocumentDatedWithinReportYear = "DOCUMENT_DATED_WITHIN_REPORT_YEAR";
    public const string LowQuantitativeContent = "LOW_QUANTITATIVE_CONTENT";

    /// <summary>A required content may be there, but only a weak reading of a section's text says so: check by hand.</summary>
    public const string SectionUncertain = "SECTION_UNCERTAIN";

    /// <summary>The caller's jurisdiction code is not the body the page names.</summary>
    public const string JurisdictionMismatch = "JURISDICTION_MISMATCH";

    /// <summary>A task area of the implementation outline that a rule pack requires is not covered by the measures.</summary>
    public const string TaskAreaMissing = "TASK_AREA_MISSING";

    /// <summary>Much of the text is also in another body's report of the same year.</summary>
    public const string TextReusedFromOtherBody = "TEXT_REUSED_FROM_OTHER_BODY";

    /// <summary>Much of the text is also in the same body's report of the year before.</summary>
    public const string TextReusedFromLastYear = "TEXT_REUSED_FROM_LAST_YEAR";

    /// <summary>
    /// The page's own publication date is later than the day the platform first saw the report (by more than
    /// <see cref="ComplianceChecker.PageDateTolerance"/>): the page's date was changed, or is wrong.
    /// </summary>
    public const string PageDateAfterFirstSeen = "PAGE_DATE_AFTER_FIRST_SEEN";

    /// <summary>
    /// The report's content changed after the disclosure deadline: a revision seen after it differs from the last one the
    /// platform saw before it. The evidence shows the sentences added (in this revision) and removed (in the earlier one).
    /// </summary>
    public const string ReportChangedAfterDeadline = "REPORT_CHANGED_AFTER_DEADLINE";

    public static IReadOnlyList<string> FindingCodes { get; } =
    [
        SectionMissing, SectionNotDedicated, ShortfallsWithoutCauses, DisclosureLate, DisclosureDateUnknown, NotDisclosed,
        ReportYearMismatch, DocumentDatedWithinReportYear, LowQuantitativeContent, SectionUncertain, JurisdictionMismatch, TaskAreaMissing,
        PageDateAfterFirstSeen, ReportChangedAfterDeadline,
        TextReusedFromOtherBody, TextReusedFromLastYear,
    ];

    public const string Error = "error";
    public const string Warning = "warning";
    public const string Info = "info";

    public static IReadOnlyList<string> Severities { get; } = [Error, Warning, Info];

    public static IReadOnlyList<string> BodyKinds { get; } = ["government", "department", "township", "party_committee"];

    public static IReadOnlyList<string> SectionKindIds { get; } =
        [.. SectionKinds.Statutory, SectionKinds.Suggestions, SectionKinds.Highlights];

    /// <summary>The kind of body a report comes from, for deadlines: a township, a department, else a government.</summary>
    public static string BodyKindOf(string? level) => level switch
    {
        "township" => "township",
        "department" => "department",
        _ => "government",
    };

}
