namespace Oversight.Analysis.Reuse;

/// <summary>
/// Turns the passages two reports share (as an index found them: a common key) into what one of them reuses from the
/// other. Pure; the in-memory <see cref="ReuseIndex"/> and compliance's stored index both use it.
/// </summary>
public static class ReuseMatcher
{
    public const int EvidencePerMatch = 10;

    /// <summary>What <paramref name="self"/>'s text is to <paramref name="other"/>'s, or null when the two are not compared.</summary>
    public static string? Relation(ReuseBody self, ReuseBody other)
    {
        if (self.ReportId == other.ReportId || self.ReportType != other.ReportType || self.JurisdictionCode.Length == 0 || other.JurisdictionCode.Length == 0)
        {
            return null;
        }
        if (self.IsSameBody(other))
        {
            return other.ReportYear == self.ReportYear - 1 ? ReuseRelations.LastYear : null;
        }
        return other.ReportYear == self.ReportYear ? ReuseRelations.OtherBody : null;
    }

    /// <summary>The reuse seen from <paramref name="self"/>: pairs are (self's passage, other's passage) with a key in common.</summary>
    public static ReuseMatch? Match(ReuseBody self, ReuseBody other, IEnumerable<(Passage Self, Passage Other)> pairs)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(other);
        if (Relation(self, other) is not { } relation || self.TotalWeight == 0)
        {
            return null;
        }
        var matched = pairs.GroupBy(p => p.Self.No).Select(g => g.OrderBy(p => p.Other.No).First()).OrderBy(p => p.Self.No).ToList();
        if (matched.Count == 0)
        {
            return null;
        }
        var weight = matched.Sum(p => p.Self.Weight);
        var evidence = matched.Take(EvidencePerMatch).Select(p => new ReusedPassage(
            p.Self.SectionPath, p.Self.Span.Start, p.Self.Span.Length, p.Self.Excerpt,
            p.Other.SectionPath, p.Other.Span.Start, p.Other.Span.Length, p.Other.Excerpt)).ToList();
        return new ReuseMatch(relation, other.ReportId, other.Revision, other.JurisdictionCode, other.Level, other.ReportYear,
            Math.Round(Math.Min(1.0, (double)weight / self.TotalWeight), 3), matched.Count, evidence);
    }

    /// <summary>A report's matches with one replaced or added (the other report's newest revision) and the rest kept.</summary>
    public static IReadOnlyList<ReuseMatch> With(IReadOnlyList<ReuseMatch>? matches, string otherReportId, ReuseMatch? match) =>
        [.. (matches ?? []).Where(m => m.OtherReportId != otherReportId).Concat(match is null ? [] : [match])
            .OrderByDescending(m => m.Share).ThenBy(m => m.OtherReportId, StringComparer.Ordinal)];
}
