using System.Net;
using Microsoft.Extensions.Options;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Push;
using Oversight.Fetching.Outbound;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>The outbound address policy, and the sender enforcing it when it connects (not only when a subscription is made).</summary>
public sealed class OutboundAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2001:db8::1")]
    public void Refusal_NonPublic_Refused(string address) =>
        Assert.Contains("不是公网地址", new OutboundAddressPolicy([]).Refusal(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("114.114.114.114")]
    [InlineData("2400:3200::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Refusal_Public_Allowed(string address) => Assert.Null(new OutboundAddressPolicy([]).Refusal(IPAddress.Parse(address)));

    [Fact]
    public void Refusal_AllowListedNetwork_Allowed()
    {
        var policy = new OutboundAddressPolicy(["10.20.0.0/16", "127.0.0.1/32"]);

        Assert.Null(policy.Refusal(IPAddress.Parse("10.20.3.4")));
        Assert.Null(policy.Refusal(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Refusal(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("10.21.0.1")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void Constructor_NotANetwork_Throws() =>
        Assert.Throws<ArgumentException>(() => new OutboundAddressPolicy(["intranet"]));

    /// <summary>
    /// A subscription made while a network was allowed, sent by a sender whose policy no longer allows it, or to a name
    /// that resolves to loopback: refused when connecting, nothing reaches the receiver. The same sender with loopback
    /// allowed delivers (so the refusal is the policy's, not a broken receiver).
    /// </summary>
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Send_TargetResolvingToLoopback_RefusedAtConnect(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = new SubscriptionRow
        {
            SubscriptionId = "sub_x", Url = $"http://{host}:{receiver.Address.Port}/hook", EventTypes = "report.ingested", Secret = "secret-0123456789abcdef",
        };
        var e = new PushEventRow
        {
            Seq = 1, EventId = "evt_1", EventType = "report.ingested", Jurisdiction = "140225", Subject = "r_1",
            OccurredAt = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero),
            Data = PushJson.Write(new ReportEventData("r_1", 1, "140225", 2025, "rule_of_law", "county", 0, 1, 2)),
        };

        using var refusing = Sender([]);
        var refused = await refusing.SendAsync(subscription, e, "dlv_1", CancellationToken.None);
        using var allowing = Sender(["127.0.0.0/8", "::1/128"]);
        var delivered = await allowing.SendAsync(subscription, e, "dlv_1", CancellationToken.None);

        Assert.NotNull(refused);
        Assert.Contains("不是公网地址", refused, StringComparison.Ordinal);
        Assert.Null(delivered);
        Assert.Single(receiver.Received);
    }

    private static PushSender Sender(string[] allowed) =>
        new(Options.Create(new PushOptions { Timeout = TimeSpan.FromSeconds(10) }), new OutboundAddressPolicy(allowed),
            new PushRenderer(TestDivisions.Registry), TimeProvider.System);
}
