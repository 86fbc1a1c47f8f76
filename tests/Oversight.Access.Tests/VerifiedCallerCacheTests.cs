using Oversight.Testing;

namespace Oversight.Access.Tests;

public class VerifiedCallerCacheTests
{
    private static readonly Caller Datong = new("0123456789abcdef", "大同市", Roles.CityOffice, "1402");
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Find_WithinAndAfterTheCacheTime_CallerThenNothing()
    {
        var cache = new VerifiedCallerCache(TimeSpan.FromSeconds(30), _clock);
        cache.Add("token", Datong, expiresAt: null);

        _clock.Now = _clock.Now.AddSeconds(29);
        Assert.Equal(Datong, cache.Find("token"));
        Assert.Null(cache.Find("other"));
        _clock.Now = _clock.Now.AddSeconds(1);
        Assert.Null(cache.Find("token"));
    }

    [Fact]
    public void Find_KeyExpiringBeforeTheCacheTime_GoneAtItsExpiry()
    {
        var cache = new VerifiedCallerCache(TimeSpan.FromSeconds(30), _clock);
        cache.Add("token", Datong, _clock.Now.AddSeconds(5));

        _clock.Now = _clock.Now.AddSeconds(5);

        Assert.Null(cache.Find("token"));
    }

    [Fact]
    public void Remove_RevokedKeyId_GoneAtOnce()
    {
        var cache = new VerifiedCallerCache(TimeSpan.FromSeconds(30), _clock);
        cache.Add("token", Datong, expiresAt: null);

        cache.Remove(Datong.KeyId);

        Assert.Null(cache.Find("token"));
    }
}
