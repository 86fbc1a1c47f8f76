using System.Net;
using Oversight.Fetching.Outbound;

namespace Oversight.Fetching.Tests;

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
    public void Allows_NonPublicAddressNotListed_Refused(string address)
    {
        var policy = new AddressPolicy([]);

        Assert.False(policy.Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("61.135.169.121")]
    [InlineData("202.108.22.5")]
    [InlineData("2400:da00::6666")]
    public void Allows_PublicAddress_Allowed(string address)
    {
        Assert.True(new AddressPolicy([]).Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allows_ListedNetworks_OnlyThoseAllowed()
    {
        var policy = new AddressPolicy(["127.0.0.0/8", "10.20.0.0/16", "::1"]);

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
        Assert.Throws<ArgumentException>(() => new AddressPolicy(["loopback"]));
    }
}
