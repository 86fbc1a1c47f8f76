using Common = Oversight.Contracts.Common.V1;

namespace Oversight.Mapping;

/// <summary>The shared contract types (dates, spans) from plain values, one way for every mapping.</summary>
public static class CommonMessages
{
    public static Common.Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Common.TextSpan ToSpan(Analysis.Text.TextSpan span) => new() { Start = span.Start, Length = span.Length };
}
