using System.Threading.RateLimiting;

namespace Oversight.Access;

/// <summary>
/// Calls per caller (its key; its address when access is open): a token bucket of <paramref name="burst"/> calls,
/// refilled at <paramref name="perSecond"/> a second. One city office's runaway script cannot take the capacity the
/// other offices need; it is told RESOURCE_EXHAUSTED with when to retry. 0 per second switches it off.
/// </summary>
public sealed class CallerRateLimiter(int perSecond, int burst) : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter = perSecond <= 0 ? null : PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, perSecond),
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

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
