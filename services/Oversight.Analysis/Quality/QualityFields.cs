using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Quality;

/// <summary>The fields the reading quality report counts, by the names the metadata and outline use.</summary>
public static class QualityFields
{
    public const string Title = "title";
    public const string Issuer = "issuer";
    public const string JurisdictionResolved = "jurisdiction.resolved";
    public const string JurisdictionAmbiguous = "jurisdiction.ambiguous";
    public const string JurisdictionUnresolved = "jurisdiction.unresolved";
    public const string Department = "jurisdiction.department";
    public const string Level = "level";
    public const string ReportYear = "reportYear";
    public const string PublishedAt = "publishedAt";
    public const string PublishedAtFromHeader = "publishedAt.header_field";
    public const string PublishedAtFromTitle = "publishedAt.title_date";
    public const string PublishedAtFromPage = "publishedAt.page_date";
    public const string DocumentDate = "documentDate";
    public const string IndexNumber = "indexNumber";
    public const string Sections = "sections";
    public const string FirstKindByHeading = "firstSection.kind.heading";
    public const string FirstKindByPosition = "firstSection.kind.position";
    public const string FirstKindByContent = "firstSection.kind.content";
    public const string FirstKindUncertain = "firstSection.kind.uncertain";
    public const string FirstKindUnclassified = "firstSection.kind.unclassified";
    public const string CausesAnalysed = "shortfalls.causes";
    public const string Figures = "figures";

    public static string Dedicated(string kind) => $"{kind}.dedicated";

    public static string InPassing(string kind) => $"{kind}.in_passing";

    public static string Uncertain(string kind) => $"{kind}.uncertain";

    public static IReadOnlyList<string> All { get; } =
    [
        Title, Issuer, JurisdictionResolved, JurisdictionAmbiguous, JurisdictionUnresolved, Department, Level, ReportYear,
        PublishedAt, PublishedAtFromHeader, PublishedAtFromTitle, PublishedAtFromPage, DocumentDate, IndexNumber, Sections,
        FirstKindByHeading, FirstKindByPosition, FirstKindByContent, FirstKindUncertain, FirstKindUnclassified,
        .. SectionKinds.Statutory.SelectMany(k => new[] { Dedicated(k), InPassing(k), Uncertain(k) }),
        CausesAnalysed, Figures,
    ];
}
