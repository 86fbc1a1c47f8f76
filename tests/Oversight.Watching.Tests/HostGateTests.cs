using Oversight.Testing;
using Oversight.Watching.Politeness;

namespace Oversight.Watching.Tests;

/// <summary>
/// A host's turns on a clock whose timers end up to a tick early, as the runtime's do on Linux: the gate must let no two
/// requests start closer than the interval (or the back-off) however early its timer ends.
/// </summary>
public sealed class HostGateTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(4);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly DateTimeOffset Start = new(2026, 3, 20, 1, 0, 0, TimeSpan.Zero);

    private readonly CoarseTimerClock _clock = new(Start, Tick);
    private readonly List<DateTimeOffset> _starts = [];

    private Task<int> Request(CancellationToken cancellationToken)
    {
        _starts.Add(_clock.GetUtcNow());
        return Task.FromResult(_starts.Count);
    }

    private async Task<int> RunFiringTimersAsync(HostGate gate)
    {
        var turn = gate.RunAsync(Request, CancellationToken.None);
        // Each look fires the timer the gate is waiting on, if it has set one yet.
        await Eventually.UntilAsync(
            () =>
            {
                _clock.FireNext();
                return turn.IsCompleted;
            },
            TimeSpan.FromSeconds(10), "the request's turn");
        return await turn;
    }

    [Fact]
    public async Task RunAsync_TimerEndsBeforeTheInterval_NextRequestWaitsUntilTheIntervalHasPassed()
    {
        // 3 ms into a tick: a timer set now counts from the tick's start, 3 ms earlier, and would end 3 ms early.
        _clock.Advance(TimeSpan.FromMilliseconds(3));
        var gate = new HostGate("http://127.0.0.1:8080", Interval, _clock);

        await gate.RunAsync(Request, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await RunFiringTimersAsync(gate);
        }

        var gaps = _starts.Zip(_starts.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(3, gaps.Count);
        Assert.All(gaps, gap => Assert.InRange(gap, Interval, Interval + Tick));
    }

    [Fact]
    public async Task RunAsync_TimerEndsBeforeTheBackoff_NextRequestWaitsUntilTheBackoffHasPassed()
    {
        var gate = new HostGate("http://127.0.0.1:8080", Interval, _clock);
        await gate.RunAsync(Request, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(7));
        gate.Failed("HTTP 503", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        var failedAt = _clock.GetUtcNow();

        await RunFiringTimersAsync(gate);

        Assert.InRange(_starts[1] - failedAt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + Tick);
    }
}
