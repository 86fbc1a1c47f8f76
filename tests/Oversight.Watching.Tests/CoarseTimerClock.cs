namespace Oversight.Watching.Tests;

/// <summary>
/// A clock a test moves, whose timers count as the runtime's do on Linux: from the start of the coarse tick they were set
/// in (CLOCK_MONOTONIC_COARSE, 4 ms at 250 Hz), firing on a tick, so a timer can end up to a tick before the time asked.
/// </summary>
internal sealed class CoarseTimerClock(DateTimeOffset start, TimeSpan tick) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly DateTimeOffset _start = start;
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock on without firing anything (no timer may be due by then).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
            Assert.DoesNotContain(_timers, t => t.FiresAt <= _now);
        }
    }

    /// <summary>Moves the clock to the earliest timer's firing and fires it; false when no timer is set.</summary>
    public bool FireNext()
    {
        FakeTimer? next;
        lock (_lock)
        {
            next = _timers.Where(t => t.FiresAt is not null).MinBy(t => t.FiresAt);
            if (next is null)
            {
                return false;
            }
            _now = next.FiresAt!.Value > _now ? next.FiresAt.Value : _now;
            next.FiresAt = null;
        }
        next.Fire();
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    // The first tick at or after the start of the current tick plus the due time.
    private DateTimeOffset FireTime(TimeSpan due)
    {
        var tickStart = _start + (_now - _start).Ticks / tick.Ticks * tick;
        var ticks = (due.Ticks + tick.Ticks - 1) / tick.Ticks;
        return tickStart + ticks * tick;
    }

    private sealed class FakeTimer(CoarseTimerClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? FiresAt { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // One-shot timers only (what Task.Delay sets); a period would not be honoured.
            Assert.Equal(Timeout.InfiniteTimeSpan, period);
            lock (clock._lock)
            {
                FiresAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.FireTime(dueTime);
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
