using System.Threading.RateLimiting;

namespace Oversight.Access;

/// <summary>
/// Calls per caller (its key): a token bucket of the burst, refilled at the per-second rate. One city office's runaway
/// script cannot take the capacity the other offices need; it is told RESOURCE_EXHAUSTED. 0 per second switches it off.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public CallerRateLimiter(int perSecond, int burst)
    {
        if (perSecond <= 0)
        {
            return;
        }
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, perSecond),
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        // Both delegates made once: the check runs on every call, and a closure per call showed in the transport benchmark.
        Func<string, TokenBucketRateLimiterOptions> factory = _ => options;
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, factory));
    }

    /// <summary>True when the caller may make this call now.</summary>
    public bool TryAcquire(string caller)
    {
        if (_limiter is null)
        {
            return true;
        }
        using var lease = _limiter.AttemptAcquire(caller);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}
