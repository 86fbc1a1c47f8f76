using Oversight.Analysis.Rules;

namespace Oversight.Compliance.Registry;

/// <summary>
/// A body's portal columns as stored: <c>type=address</c> entries separated by spaces, each address an absolute http or
/// https one and each type a report type the platform knows. Read by the watcher through ListRegistry.
/// </summary>
public static class PortalColumns
{
    /// <summary>The entries in their stored form (a bare address becomes <c>rule_of_law=address</c>), or the first invalid one.</summary>
    public static (string Stored, string? Invalid) Normalize(string text)
    {
        var entries = new List<string>();
        foreach (var entry in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (type, address) = Split(entry);
            if (!ReportTypes.All.Contains(type) || !Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                return ("", entry);
            }
            entries.Add($"{type}={url.AbsoluteUri}");
        }
        return (string.Join(' ', entries.Distinct(StringComparer.Ordinal)), null);
    }

    /// <summary>The stored entries as (report type, address) pairs.</summary>
    public static IEnumerable<(string ReportType, string Url)> Parse(string stored) =>
        stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Split);

    // "type=address", or an address alone (its query may hold '=' too): the rule-of-law report's column.
    private static (string Type, string Address) Split(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && !entry[..equals].Contains(':', StringComparison.Ordinal)
            ? (entry[..equals], entry[(equals + 1)..])
            : (ReportTypes.RuleOfLaw, entry);
    }
}
