using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Quality;

/// <summary>
/// How well a set of pages was read: per field, in how many reports it was found. An office runs it over its
/// portal's pages to see which fields the reader misses there. Pure: readings in, counts out.
/// </summary>
public sealed class ReadingQuality
{
    private readonly Dictionary<string, int> _found = new(StringComparer.Ordinal);

    /// <summary>Pages given, whether or not they could be read.</summary>
    public int Pages { get; private set; }

    /// <summary>Pages that could not be read at all (not text, or not a report).</summary>
    public int Unreadable { get; private set; }

    /// <summary>Every field in report order with its count; a field never found is listed with 0.</summary>
    public IReadOnlyList<(string Field, int Found)> Fields =>
        [.. QualityFields.All.Select(f => (f, _found.GetValueOrDefault(f)))];

    public int Count(string field) => _found.GetValueOrDefault(field);

    public void AddUnreadable()
    {
        Pages++;
        Unreadable++;
    }

    public void Add(ReportReading reading, IReadOnlyList<ExtractedValue> values)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(values);
        Pages++;
        var m = reading.Metadata;
        Count(QualityFields.Title, m.Title.Length > 0);
        Count(QualityFields.Issuer, m.Issuer.Length > 0);
        Count(QualityFields.JurisdictionResolved, m.JurisdictionResolution is JurisdictionResolution.Resolved or JurisdictionResolution.Supplied);
        Count(QualityFields.JurisdictionAmbiguous, m.JurisdictionResolution == JurisdictionResolution.Ambiguous);
        Count(QualityFields.JurisdictionUnresolved, m.JurisdictionResolution == JurisdictionResolution.Unresolved);
        Count(QualityFields.Department, m.Level == JurisdictionLevels.Department);
        Count(QualityFields.Level, m.Level is not null);
        Count(QualityFields.ReportYear, m.ReportYear is not null);
        Count(QualityFields.PublishedAt, m.PublishedAt is not null);
        Count(QualityFields.PublishedAtFromHeader, m.PublishedAtBasis == PublicationBasis.HeaderField);
        Count(QualityFields.PublishedAtFromTitle, m.PublishedAtBasis == PublicationBasis.TitleDate);
        Count(QualityFields.PublishedAtFromPage, m.PublishedAtBasis == PublicationBasis.PageDate);
        Count(QualityFields.DocumentDate, m.DocumentDate is not null);
        Count(QualityFields.IndexNumber, m.IndexNumber is not null);
        Count(QualityFields.Sections, reading.Outline.Sections.Count > 0);
        foreach (var kind in SectionKinds.Statutory)
        {
            var status = reading.Outline.Coverage.FirstOrDefault(c => c.Kind == kind)?.Status;
            Count(QualityFields.Dedicated(kind), status == KindCoverage.Dedicated);
            Count(QualityFields.InPassing(kind), status == KindCoverage.InPassing);
            Count(QualityFields.Uncertain(kind), status == KindCoverage.Uncertain);
        }
        // How the first section's kind was told, and how sure that is: what an office checks first when a report
        // opens with a themed heading.
        var first = reading.Outline.Sections.FirstOrDefault();
        Count(QualityFields.FirstKindByHeading, first?.KindSource == "heading");
        Count(QualityFields.FirstKindByPosition, first?.KindSource == "position");
        Count(QualityFields.FirstKindByContent, first is { KindSource: "content", KindConfidence: >= SectionKindGuess.Dedicated });
        Count(QualityFields.FirstKindUncertain, first is { KindSource: "content", KindConfidence: < SectionKindGuess.Dedicated });
        Count(QualityFields.FirstKindUnclassified, first?.Kind == SectionKinds.Unclassified);
        Count(QualityFields.CausesAnalysed, reading.Outline.ShortfallsCausesAnalysed);
        Count(QualityFields.Figures, values.Any(v => !TaskAreaValues.IsTaskArea(v.Indicator)));
    }

    private void Count(string field, bool found)
    {
        if (found)
        {
            _found[field] = _found.GetValueOrDefault(field) + 1;
        }
    }
}
