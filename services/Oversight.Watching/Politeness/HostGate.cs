namespace Oversight.Watching.Politeness;

/// <summary>
/// One host's turn-taking: one request at a time, no sooner than the interval the rate (or its robots.txt's
/// Crawl-delay) allows after the previous one ended, and after a failure no sooner than its back-off (doubled for
/// each failure in a row, or the server's Retry-After). Times come from the injected clock.
/// </summary>
public sealed class HostGate(string host, TimeSpan interval, TimeProvider time)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    public string Host { get; } = host;

    public TimeSpan Interval { get; set; } = interval;

    public RobotsRules? Robots { get; set; }

    public int ConsecutiveFailures { get; private set; }

    public string LastError { get; private set; } = "";

    /// <summary>Not to be asked before this (the back-off after the last failure).</summary>
    public DateTimeOffset RetryAfter { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Runs <paramref name="request"/> in this host's turn.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var start = _nextStart > RetryAfter ? _nextStart : RetryAfter;
            // A timer can end a few milliseconds before the time asked for (whole milliseconds, read from a coarse
            // monotonic clock: on Linux the kernel tick, 4 ms at 250 Hz), so the clock read here decides, not the timer.
            for (var wait = start - time.GetUtcNow(); wait > TimeSpan.Zero; wait = start - time.GetUtcNow())
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            try
            {
                return await request(cancellationToken);
            }
            finally
            {
                // Counted from when the answer ended, not from when the request left: a slow connect or answer never lets
                // two requests reach the host closer together than the interval.
                _nextStart = time.GetUtcNow() + Interval;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Succeeded()
    {
        ConsecutiveFailures = 0;
        LastError = "";
    }

    /// <summary>Counts a failure and sets the back-off: the server's Retry-After when it gave one, else doubling.</summary>
    public void Failed(string error, TimeSpan? retryAfter, TimeSpan backoff, TimeSpan maxBackoff)
    {
        ConsecutiveFailures++;
        LastError = error;
        var doubled = backoff * Math.Pow(2, Math.Min(ConsecutiveFailures - 1, 20));
        var wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : doubled;
        RetryAfter = time.GetUtcNow() + (wait < maxBackoff ? wait : maxBackoff);
    }

    /// <summary>Restores what an earlier pass recorded, so a failing host stays backed off across passes and restarts.</summary>
    public void Restore(int failures, string error, DateTimeOffset retryAfter)
    {
        (ConsecutiveFailures, LastError, RetryAfter) = (failures, error, retryAfter);
    }
}
