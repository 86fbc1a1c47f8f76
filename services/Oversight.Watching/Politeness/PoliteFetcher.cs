using System.Collections.Concurrent;
using System.Text;
using Oversight.Fetching.Outbound;
using Oversight.Vocabulary;
using Oversight.Watching.Passes;

namespace Oversight.Watching.Politeness;

/// <summary>What became of one polite fetch.</summary>
public enum FetchVerdict
{
    Fetched,
    NotModified,
    /// <summary>robots.txt forbids it: never requested.</summary>
    Disallowed,
    /// <summary>The host keeps failing, or its back-off outlasts this pass: left to a later pass.</summary>
    HostSkipped,
    Failed,
}

public sealed record PoliteResult(FetchVerdict Verdict, FetchedResource? Resource, string Error = "");

/// <summary>
/// The watcher's only way to the portals, for one pass: robots.txt read first on each host and obeyed; each host's
/// requests one at a time at its rate (<see cref="HostGate"/>); 429, 5xx, time-outs and unreachable hosts backed off
/// (Retry-After honoured, else doubling) and retried while the wait fits the pass; a host that fails
/// <see cref="WatchingOptions.FailuresBeforeSkip"/> times in a row is skipped and reported, not hammered.
/// </summary>
/// <param name="gates">The hosts' gates, kept from pass to pass, so a new pass keeps each host's rate and back-off.</param>
public sealed class PoliteFetcher(
    PageFetcher fetcher, ConcurrentDictionary<string, HostGate> gates, WatchingOptions options, WatchTelemetry telemetry, TimeProvider time,
        PassCounters counters)
{
    private readonly ConcurrentDictionary<string, HostGate> _gates = gates;

    public IEnumerable<HostGate> Gates => _gates.Values;

    /// <summary>The gate of a host ("scheme://host:port"), made with the configured rate.</summary>
    public HostGate Gate(string host) =>
        _gates.GetOrAdd(host, h => new HostGate(h, TimeSpan.FromSeconds(1 / Math.Max(options.RequestsPerSecondPerHost, 0.001)), time));

    public static string HostOf(Uri address) => address.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Fetches an address; redirects are followed here, hop by hop, each through its own host's gate and robots.txt, so
    /// a redirect is paced like any request. The result names the address first asked for and the final one.
    /// </summary>
    public async Task<PoliteResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var hop = request with { FollowRedirects = false };
        for (var redirects = 0; ; redirects++)
        {
            var result = await FetchOneAsync(hop, cancellationToken);
            if (result.Resource is not { Location: { } next })
            {
                return result.Resource is { } resource ? result with
                {
                    Resource = resource with
                    {
                        RequestedAddress = request.Address,
                        Redirects = redirects
                    }
                } : result;
            }
            if (redirects >= MaxRedirects)
            {
                return Count(new PoliteResult(FetchVerdict.Failed, null, Reasons.UrlTooManyRedirects));
            }
            // The validators held are the final page's (stored from its answer): they go with every hop.
            hop = hop with { Address = next };
        }
    }

    private const int MaxRedirects = 5;

    private async Task<PoliteResult> FetchOneAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var gate = Gate(HostOf(request.Address));
        if (Skipped(gate))
        {
            return Count(new PoliteResult(FetchVerdict.HostSkipped, null, gate.LastError));
        }
        gate.Robots ??= await RobotsAsync(gate, cancellationToken);
        if (!gate.Robots.Allows(request.Address))
        {
            return Count(new PoliteResult(FetchVerdict.Disallowed, null));
        }
        while (true)
        {
            if (Skipped(gate))
            {
                return Count(new PoliteResult(FetchVerdict.HostSkipped, null, gate.LastError));
            }
            FetchedResource resource;
            try
            {
                resource = await gate.RunAsync(token => fetcher.FetchAsync(request, token), cancellationToken);
            }
            catch (FetchException ex) when (ex.Reason is Reasons.UrlUnreachable or Reasons.UrlTimedOut)
            {
                gate.Failed(ex.Reason, null, options.Backoff, options.MaxBackoff);
                continue;
            }
            catch (FetchException ex)
            {
                // This address cannot be used (refused, too large, redirect loop); the host itself is fine.
                return Count(new PoliteResult(FetchVerdict.Failed, null, ex.Reason));
            }
            if (resource.Status is 429 or >= 500)
            {
                gate.Failed($"HTTP {resource.Status}", resource.RetryAfter, options.Backoff, options.MaxBackoff);
                continue;
            }
            gate.Succeeded();
            if (resource.Location is not null)
            {
                return new PoliteResult(FetchVerdict.Fetched, resource);
            }
            return Count(resource.Status switch
            {
                304 => new PoliteResult(FetchVerdict.NotModified, resource),
                >= 200 and < 300 => new PoliteResult(FetchVerdict.Fetched, resource),
                _ => new PoliteResult(FetchVerdict.Failed, resource, $"HTTP {resource.Status}"),
            });
        }
    }

    // A host past its failures stays skipped until its back-off ends; any host whose back-off outlasts what a pass waits
    // is left to a later pass.
    private bool Skipped(HostGate gate)
    {
        var wait = gate.RetryAfter - time.GetUtcNow();
        return (gate.ConsecutiveFailures >= options.FailuresBeforeSkip && wait > TimeSpan.Zero) || wait > options.MaxWaitInPass;
    }

    // RFC 9309: 4xx means no rules; a server error or no answer means the whole host is off limits for now.
    private async Task<RobotsRules> RobotsAsync(HostGate gate, CancellationToken cancellationToken)
    {
        try
        {
            var robots = await gate.RunAsync(token => fetcher.FetchAsync(new FetchRequest(new Uri(new Uri(gate.Host), "/robots.txt")), token),
                cancellationToken);
            telemetry.Fetch("robots");
            if (robots.Status is >= 200 and < 300)
            {
                var rules = RobotsRules.Parse(Encoding.UTF8.GetString(robots.Content), options.RobotsAgent);
                if (rules.CrawlDelay is { } delay && delay > gate.Interval)
                {
                    gate.Interval = delay;
                }
                return rules;
            }
            if (robots.Status is 429 or >= 500)
            {
                gate.Failed($"robots.txt HTTP {robots.Status}", robots.RetryAfter, options.Backoff, options.MaxBackoff);
                return RobotsRules.DisallowAll;
            }
            return RobotsRules.AllowAll;
        }
        catch (FetchException ex)
        {
            gate.Failed("robots.txt " + ex.Reason, null, options.Backoff, options.MaxBackoff);
            return RobotsRules.DisallowAll;
        }
    }

    private PoliteResult Count(PoliteResult result)
    {
        switch (result.Verdict)
        {
            case FetchVerdict.Fetched:
                counters.Fetched();
                telemetry.Fetch("ok");
                break;
            case FetchVerdict.NotModified:
                counters.NotModified();
                telemetry.Fetch("not_modified");
                break;
            case FetchVerdict.Disallowed:
                counters.Disallowed();
                telemetry.Fetch("disallowed");
                break;
            case FetchVerdict.HostSkipped:
                telemetry.Fetch("host_skipped");
                break;
            default:
                counters.Failed();
                telemetry.Fetch("failed");
                break;
        }
        return result;
    }
}
