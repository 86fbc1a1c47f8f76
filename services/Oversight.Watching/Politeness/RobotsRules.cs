namespace Oversight.Watching.Politeness;

/// <summary>
/// A host's robots.txt as it applies to us (RFC 9309): the group naming our product token, else the * group; the
/// longest matching Allow or Disallow path wins (Allow on a tie); '*' and a closing '$' as the RFC writes them. The
/// group's Crawl-delay, when it asks for more than our own rate, slows us down to it.
/// </summary>
public sealed class RobotsRules
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsRules(List<(string, bool)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>What a server error on robots.txt means: the whole host is off limits for now.</summary>
    public static RobotsRules DisallowAll { get; } = new([("/", false)], null);

    public TimeSpan? CrawlDelay { get; }

    public static RobotsRules Parse(string text, string agent)
    {
        var groups = new List<Group>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var (field, value) = (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
            if (field == "user-agent")
            {
                // Consecutive User-agent lines share one group.
                if (current is null || !lastWasAgent)
                {
                    current = new Group();
                    groups.Add(current);
                }
                current.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null)
            {
                continue;
            }
            if (field is "allow" or "disallow" && value.Length > 0)
            {
                current.Rules.Add((value, field == "allow"));
            }
            else if (field == "crawl-delay" && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                current.Delay = TimeSpan.FromSeconds(Math.Min(seconds, 600));
            }
        }
        var token = agent.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        var chosen = mine.Count > 0 ? mine : groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsRules([.. chosen.SelectMany(g => g.Rules)], chosen.Select(g => g.Delay).Max());
    }

    private sealed class Group
    {
        public List<string> Agents { get; } = [];

        public List<(string Pattern, bool Allow)> Rules { get; } = [];

        public TimeSpan? Delay { get; set; }
    }

    /// <summary>True when the path (with its query) may be fetched.</summary>
    public bool Allows(Uri address)
    {
        var path = address.PathAndQuery;
        var best = (Length: -1, Allow: true);
        foreach (var (pattern, allow) in _rules)
        {
            if (Matches(pattern, path) && (pattern.Length > best.Length || (pattern.Length == best.Length && allow)))
            {
                best = (pattern.Length, allow);
            }
        }
        return best.Allow;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var parts = (anchored ? pattern[..^1] : pattern).Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var found = path.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            at = found + parts[i].Length;
        }
        return !anchored || at == path.Length || (parts.Length > 1 && path.EndsWith(parts[^1], StringComparison.Ordinal));
    }
}
