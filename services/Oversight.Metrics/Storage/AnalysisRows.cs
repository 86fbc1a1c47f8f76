namespace Oversight.Metrics.Storage;

/// <summary>One analysed report revision.</summary>
public sealed class AnalysisRow
{
    public string ReportId { get; set; } = "";
    public int Revision { get; set; }
    public bool IsCurrent { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string ParentCode { get; set; } = "";
    public string Level { get; set; } = "";
    public int ReportYear { get; set; }
    public string CatalogVersion { get; set; } = "";
    public int ValueCount { get; set; }
    public DateTimeOffset AnalyzedAt { get; set; }
}

/// <summary>One extracted value, with its report's scope.</summary>
public sealed class ValueRow
{
    public string ReportId { get; set; } = "";
    public int Revision { get; set; }
    public int Ordinal { get; set; }
    public string Indicator { get; set; } = "";
    public double Value { get; set; }
    public double? ValueUpper { get; set; }
    public string Unit { get; set; } = "";
    public string Qualifier { get; set; } = "";
    public string RawText { get; set; } = "";
    public string SectionPath { get; set; } = "";
    public int SpanStart { get; set; }
    public int SpanLength { get; set; }
    public string Excerpt { get; set; } = "";
    public bool UsedInAggregate { get; set; }
    public bool IsCurrent { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string ParentCode { get; set; } = "";
    public string Level { get; set; } = "";
    public int ReportYear { get; set; }
}

/// <summary>Sums per group and indicator, as the database returns them.</summary>
public sealed class AggregateSums
{
    public string GroupKey { get; set; } = "";
    public string Indicator { get; set; } = "";
    public double Total { get; set; }
    public double Smallest { get; set; }
    public double Largest { get; set; }
    public int Stating { get; set; }
}

/// <summary>Current reports per group.</summary>
public sealed class GroupCount
{
    public string GroupKey { get; set; } = "";
    public int Reports { get; set; }
}

/// <summary>The scope an aggregate or export covers.</summary>
public sealed record ValueScope(string JurisdictionPrefix, int ReportYear, string Level, IReadOnlyList<string> Indicators, bool IncludeSuperseded = false);

/// <summary>
/// Which groups of an aggregate: those whose key follows <paramref name="After"/> in ordinal order (null: from the
/// first; every key is ASCII and every dialect compares these columns bytewise), at most <paramref name="Limit"/> of
/// them, 0 for all.
/// </summary>
public sealed record GroupPage(string? After, int Limit)
{
    public static readonly GroupPage All = new(null, 0);
}

/// <summary>How aggregate rows are grouped: a column of the values table, or none.</summary>
public enum Grouping
{
    None,
    Jurisdiction,
    Parent,
    Level,
    Year,
}
