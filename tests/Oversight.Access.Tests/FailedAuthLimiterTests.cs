using Oversight.Testing;

namespace Oversight.Access.Tests;

public class FailedAuthLimiterTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void BlockedFor_AtTheLimit_UntilTheWindowEnds()
    {
        var limiter = new FailedAuthLimiter(3, TimeSpan.FromMinutes(1), _clock);

        limiter.RecordFailure("10.0.0.1");
        limiter.RecordFailure("10.0.0.1");
        Assert.Null(limiter.BlockedFor("10.0.0.1"));
        limiter.RecordFailure("10.0.0.1");
        _clock.Now = _clock.Now.AddSeconds(20);

        Assert.Equal(TimeSpan.FromSeconds(40), limiter.BlockedFor("10.0.0.1"));
        Assert.Null(limiter.BlockedFor("10.0.0.2"));
        _clock.Now = _clock.Now.AddSeconds(40);
        Assert.Null(limiter.BlockedFor("10.0.0.1"));
    }

    [Fact]
    public void RecordFailure_AfterTheWindow_CountsFromOne()
    {
        var limiter = new FailedAuthLimiter(2, TimeSpan.FromMinutes(1), _clock);
        limiter.RecordFailure("10.0.0.1");
        _clock.Now = _clock.Now.AddMinutes(2);

        limiter.RecordFailure("10.0.0.1");

        Assert.Null(limiter.BlockedFor("10.0.0.1"));
    }
}
