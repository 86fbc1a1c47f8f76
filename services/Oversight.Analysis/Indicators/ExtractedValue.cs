using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Indicators;

/// <summary>
/// One value of one indicator as a report states it. Unit is the catalog's unit (起 counts as 件);
/// RawText keeps the figure as written. UsedInAggregate marks the one value per indicator that aggregates use.
/// </summary>
public sealed record ExtractedValue(
    string Indicator,
    double Value,
    double? Upper,
    string Unit,
    string Qualifier,
    string RawText,
    Evidence Evidence,
    bool UsedInAggregate);

/// <summary>
/// What is stored for a report: its values, and whether its figures stopped at the extractor's bound
/// (<see cref="MetricExtractor.MaxFigures"/>) with more stated after them.
/// </summary>
public sealed record Extraction(IReadOnlyList<ExtractedValue> Values, bool Truncated);
