namespace Oversight.Watching.Tests;

/// <summary>
/// A clock a test sets to an instant, which then runs on at the real pace, its timers the system's: the watcher's waits
/// (its hosts' turns) end when this clock says so, as they must, while its fetch times read as the instant the test set.
/// </summary>
internal sealed class RunningClock(DateTimeOffset now) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _setTo = now;
    private long _setAt = TimeProvider.System.GetTimestamp();

    public DateTimeOffset Now
    {
        set
        {
            lock (_lock)
            {
                (_setTo, _setAt) = (value, TimeProvider.System.GetTimestamp());
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return (_setTo + TimeProvider.System.GetElapsedTime(_setAt)).ToUniversalTime();
        }
    }
}
