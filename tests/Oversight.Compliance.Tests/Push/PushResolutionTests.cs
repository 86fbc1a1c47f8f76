using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Compliance.Push;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Push.V1;
using Oversight.Fetching.Outbound;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>
/// Targets named by host name, with a resolver standing in for DNS so that nothing leaves loopback: a name under the
/// reserved .invalid TLD that does not exist (NXDOMAIN, as RFC 6761 has resolvers answer), a resolver that never answers,
/// and a name that resolves to the receiver on 127.0.0.1, looked up again when the delivery connects.
/// </summary>
public sealed class PushResolutionTests
{
    private const string ReceiverName = "receiver.oversight.test";
    private const string SilentName = "silent.oversight.test";

    [Theory]
    [InlineData("https://no-such-office.invalid/hook", 0)]
    [InlineData("https://" + SilentName + "/hook", 5)]
    public async Task CreateSubscription_NameThatDoesNotResolve_PushTargetUnresolved(string url, int atLeastSeconds)
    {
        var lookups = new List<string>();
        await using var stack = await ComplianceStack.StartAsync(replace: s => s.AddSingleton(new OutboundAddressPolicy([], Resolver(lookups, null))));
        var started = TimeProvider.System.GetTimestamp();

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "大同市司法局", Url = url, Scope = "1402", EventTypes = { "finding.opened" },
        }).ResponseAsync);

        Assert.Equal((StatusCode.FailedPrecondition, "PUSH_TARGET_UNRESOLVED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains("无法解析:请确认域名正确且已生效", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(new Uri(url).Host, ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal([new Uri(url).Host], lookups);
        // The silent resolver is given up on after the bound (5 s), not waited for as long as the caller would wait.
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(atLeastSeconds), TimeSpan.FromSeconds(atLeastSeconds + 20));
        Assert.Empty((await stack.Push.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
    }

    [Fact]
    public async Task Delivery_TargetByName_ResolvedAgainWhenItConnects()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var lookups = new List<string>();
        var policy = new OutboundAddressPolicy(["127.0.0.1/32"], Resolver(lookups, IPAddress.Loopback));
        await using var stack = await ComplianceStack.StartAsync(settings: PushDeliveryTests.Settings(), replace: s => s.AddSingleton(policy));
        var url = $"http://{ReceiverName}:{receiver.Address.Port}/hook";
        await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest { Name = "省厅", Url = url, EventTypes = { "report.ingested" } });

        var report = await stack.SubmitAsync(SampleReports.Hunyuan);
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = report.ReportId });

        await Eventually.UntilAsync(() => !receiver.Received.IsEmpty, TimeSpan.FromSeconds(30), "the delivery by name");
        var hook = Assert.Single(receiver.Received);
        Assert.Equal((report.ReportId, $"{ReceiverName}:{receiver.Address.Port}"), (hook.Json.GetProperty("subject").GetString(), hook.Header("Host")));
        lock (lookups)
        {
            // Once when the subscription was made, once more when the sender connected.
            Assert.Equal([ReceiverName, ReceiverName], lookups);
        }
    }

    // NXDOMAIN under .invalid, silence for the silent name, and the given address for the receiver's name.
    private static Func<string, CancellationToken, Task<IPAddress[]>> Resolver(List<string> lookups, IPAddress? receiver) => async (host, token) =>
    {
        lock (lookups)
        {
            lookups.Add(host);
        }
        if (host == SilentName)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
        }
        return host == ReceiverName && receiver is not null ? [receiver] : throw new SocketException((int)SocketError.HostNotFound);
    };
}
