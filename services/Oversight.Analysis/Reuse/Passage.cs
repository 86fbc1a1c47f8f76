using Oversight.Analysis.Text;

namespace Oversight.Analysis.Reuse;

/// <summary>
/// One sentence of a report as copy detection sees it: where it is (section path and span in the original text),
/// an excerpt for display, its weight (significant characters after normalising) and its two LSH keys.
/// </summary>
public sealed record Passage(int No, string SectionPath, TextSpan Span, string Excerpt, int Weight, long Key1, long Key2);

/// <summary>
/// Which report a set of passages belongs to: the body (code and level, so a county and its 司法局 are two bodies),
/// the year, the report type (only reports of one type are compared) and the weight of all its passages.
/// </summary>
public sealed record ReuseBody(string ReportId, int Revision, string JurisdictionCode, string Level, int ReportYear, string ReportType, int TotalWeight)
{
    public bool IsSameBody(ReuseBody other) => JurisdictionCode == other.JurisdictionCode && Level == other.Level;
}

/// <summary>A report's passages with the body they belong to.</summary>
public sealed record ReuseDocument(ReuseBody Body, IReadOnlyList<Passage> Passages)
{
    public static ReuseDocument Of(string reportId, int revision, ReportReading reading, string reportType)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var passages = PassageReader.Read(reading);
        var metadata = reading.Metadata;
        return new ReuseDocument(
            new ReuseBody(reportId, revision, metadata.JurisdictionCode ?? "", metadata.Level ?? "", metadata.ReportYear ?? 0, reportType,
                passages.Sum(p => p.Weight)),
            passages);
    }
}
