using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oversight.Compliance.Push;

/// <summary>What the events carry, as their CloudEvents data (snake_case JSON).</summary>
public static class PushJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T data) => JsonSerializer.Serialize(data, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

/// <summary>report.ingested: a revision checked for the first time, with its open findings by severity.</summary>
public sealed record ReportEventData(
    string ReportId, int Revision, string JurisdictionCode, int ReportYear, string ReportType, string Level, int Errors, int Warnings, int Infos);

/// <summary>finding.opened, finding.resolved, finding.waived.</summary>
public sealed record FindingEventData(
    string FindingId, string ReportId, int Revision, string JurisdictionCode, int ReportYear, string ReportType, string Code, string Severity,
    string SectionKind, string Message, string Status)
{
    /// <summary>finding.waived: why, and who waived it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Actor { get; init; }
}

/// <summary>A body whose report was not there by its deadline (a sweep's NOT_DISCLOSED).</summary>
public sealed record LateBody(string Code, string Name, string Level);

/// <summary>sweep.completed: what the sweep went through, and the late bodies (at most <see cref="MaxLateBodies"/> listed).</summary>
public sealed record SweepEventData(
    string SweepId, int ReportYear, string AsOf, string ReportType, string ScopePrefix, long ReportsChecked, long BodiesExpected, long BodiesWithoutReport,
    IReadOnlyList<LateBody> LateBodies, int LateTotal)
{
    public const int MaxLateBodies = 2000;

    /// <summary>
    /// As a subscriber inside a narrower scope sees it: only its own late bodies (of those listed), the sweep's counts as
    /// they were.
    /// </summary>
    public SweepEventData Within(string scope)
    {
        if (ScopePrefix.StartsWith(scope, StringComparison.Ordinal))
        {
            return this;
        }
        var late = LateBodies.Where(b => b.Code.StartsWith(scope, StringComparison.Ordinal)).ToList();
        return this with { LateBodies = late, LateTotal = late.Count };
    }
}
