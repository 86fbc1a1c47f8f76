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

    [Fact]
    public void KeyBlockedFor_FailuresOfOneKeyIdFromManyAddresses_OnlyThatKeyIdBlocked()
    {
        var limiter = new FailedAuthLimiter(2, TimeSpan.FromMinutes(1), _clock);

        limiter.RecordFailure("10.0.0.1", "aaaaaaaaaaaaaaaa");
        limiter.RecordFailure("10.0.0.2", "aaaaaaaaaaaaaaaa");

        Assert.NotNull(limiter.KeyBlockedFor("aaaaaaaaaaaaaaaa"));
        Assert.Null(limiter.KeyBlockedFor("bbbbbbbbbbbbbbbb"));
        Assert.Null(limiter.BlockedFor("10.0.0.1"));
    }

    [Fact]
    public void Tokens_VerifiedAndRefused_RememberedForTheirTimes()
    {
        var limiter = new FailedAuthLimiter(2, TimeSpan.FromMinutes(1), _clock);

        limiter.Tokens.Verified("ovk_good");
        limiter.Tokens.Refused("ovk_bad", "KEY_UNKNOWN");
        _clock.Now = _clock.Now.AddMinutes(2);

        Assert.True(limiter.Tokens.WasVerified("ovk_good"));
        Assert.Null(limiter.Tokens.RefusedBefore("ovk_bad"));
        Assert.False(limiter.Tokens.WasVerified("ovk_bad"));
    }
}
