using Oversight.Analysis.Indicators;
using Oversight.Analysis.Outline;
using System.Text.Json.Serialization;
using Oversight.Analysis.Reuse;
using Oversight.Analysis.Revisions;

namespace Oversight.Analysis.Rules;

/// <summary>
/// Everything the rules look at in one report, and nothing else: small enough to store, so a report can be
/// re-checked with new rule packs without reading its text again.
/// </summary>
public sealed record CheckInput(
    string JurisdictionCode,
    string? Level,
    int ReportYear,
    DateTimeOffset? PublishedAt,
    DateOnly? DocumentDate,
    int? TitleYear,
    int? TextYear,
    IReadOnlyList<KindCoverage> Coverage,
    bool CausesAnalysed,
    int FigureCount,
    string? StatedJurisdictionCode = null,
    string? StatedJurisdictionName = null,
    IReadOnlyList<string>? TaskAreas = null,
    string? ReportType = null,
    IReadOnlyList<ReuseMatch>? Reuse = null,
    DateTimeOffset? FirstSeenAt = null,
    DateTimeOffset? PageDate = null,
    RevisionChange? Change = null)
{
    /// <summary>Inputs stored before report types existed are rule-of-law reports.</summary>
    public string Type => ReportTypes.OrDefault(ReportType);

    /// <summary>The report's passages for copy detection, while it is being checked; never stored with the input.</summary>
    [JsonIgnore]
    public ReuseDocument? Document { get; init; }

    public static CheckInput From(ReportReading reading, MetricExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(extractor);
        var metadata = reading.Metadata;
        return new CheckInput(
            metadata.JurisdictionCode ?? "",
            metadata.Level,
            metadata.ReportYear ?? 0,
            metadata.PublishedAt,
            metadata.DocumentDate,
            metadata.TitleYear,
            metadata.TextYear,
            reading.Outline.Coverage,
            reading.Outline.ShortfallsCausesAnalysed,
            extractor.Count(reading),
            metadata.StatedJurisdictionCode,
            metadata.StatedJurisdictionCode is null
                ? null
                : metadata.JurisdictionSignals.FirstOrDefault(s => s.Codes.Contains(metadata.StatedJurisdictionCode))?.Name,
            [.. reading.TaskAreas.Where(a => a.Covered).Select(a => a.Id)],
            metadata.ReportType);
    }
}
