using System.Net;
using System.Net.Sockets;
using Oversight.Fetching.Outbound;

namespace Oversight.Fetching.Tests;

/// <summary>The one outbound address policy portal fetching and push deliveries share.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.5")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:a9fe:a9fe::")]
    [InlineData("2001::1")]
    [InlineData("fec0::1")]
    [InlineData("192.88.99.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    public void Allows_NonPublicAddressNotListed_Refused(string address)
    {
        var policy = new OutboundAddressPolicy([]);

        Assert.False(policy.Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("61.135.169.121")]
    [InlineData("202.108.22.5")]
    [InlineData("2400:da00::6666")]
    public void Allows_PublicAddress_Allowed(string address)
    {
        Assert.True(new OutboundAddressPolicy([]).Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allows_ListedNetworks_OnlyThoseAllowed()
    {
        var policy = new OutboundAddressPolicy(["127.0.0.0/8", "10.20.0.0/16", "::1"]);

        Assert.True(policy.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("::1")));
        Assert.True(policy.Allows(IPAddress.Parse("10.20.3.4")));
        Assert.False(policy.Allows(IPAddress.Parse("10.21.3.4")));
        Assert.False(policy.Allows(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void Constructor_NotANetwork_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OutboundAddressPolicy(["loopback"]));
    }

    [Fact]
    public void Constructor_NotANetwork_MessageNamesTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OutboundAddressPolicy(["intranet"], setting: "Compliance:Push:AllowedNetworks"));

        Assert.Contains("Compliance:Push:AllowedNetworks 中的 'intranet'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// DNS answers are checked after resolution, every one: a name with one internal answer among public ones is refused (which
    /// answer a connection would use is not ours to choose), one whose answers are all public or listed is let through.
    /// </summary>
    [Fact]
    public async Task ResolveAsync_OneInternalAnswerAmongPublic_RefusedNamingHost()
    {
        var answers = new Dictionary<string, IPAddress[]>
        {
            ["mixed.oversight.test"] = [IPAddress.Parse("61.135.169.121"), IPAddress.Parse("169.254.169.254")],
            ["public.oversight.test"] = [IPAddress.Parse("61.135.169.121"), IPAddress.Parse("2400:da00::6666")],
            ["listed.oversight.test"] = [IPAddress.Loopback],
        };
        var policy = new OutboundAddressPolicy(["127.0.0.1/32"], (host, _) =>
            Task.FromResult(answers.TryGetValue(host, out var found) ? found : throw new SocketException((int)SocketError.HostNotFound)));

        var refused = await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => policy.ResolveAsync("mixed.oversight.test", CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<SocketException>(() => policy.ResolveAsync("none.oversight.test", CancellationToken.None));

        Assert.Equal("mixed.oversight.test", refused.Host);
        Assert.Contains("169.254.169.254 不是公网地址", refused.Refusal, StringComparison.Ordinal);
        Assert.Equal(SocketError.HostNotFound, unknown.SocketErrorCode);
        Assert.Equal(2, (await policy.ResolveAsync("public.oversight.test", CancellationToken.None)).Length);
        Assert.Equal([IPAddress.Loopback], await policy.ResolveAsync("listed.oversight.test", CancellationToken.None));
        Assert.Equal([IPAddress.Parse("10.0.0.1")], await new OutboundAddressPolicy(["10.0.0.0/8"]).ResolveAsync("[10.0.0.1]", CancellationToken.None));
    }
}
