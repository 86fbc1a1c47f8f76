using Google.Protobuf;
using Grpc.Core;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>
/// Push with keys, the three services deployed apart: a 大同市 (1402) city office subscribes only inside its scope,
/// sees and changes only its scope's subscriptions, and receives what ingestion's outbox brings to compliance for its
/// reports and nothing of another city's. Changes are in the audit log.
/// </summary>
public sealed class PushScopeTests : IAsyncLifetime
{
    private readonly AccessStack _stack = new(new Dictionary<string, string?>
    {
        ["Access:FailureLimit"] = "100000",
        ["Compliance:Push:RequireHttps"] = "false",
        ["Compliance:Push:AllowedNetworks:0"] = "127.0.0.1/32",
        ["Compliance:Push:PollInterval"] = "00:00:00.050",
    });

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        await _stack.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private PushService.PushServiceClient Push(string key) => new(_stack.Channel("compliance", key));

    private CreateSubscriptionRequest Request(string scope, params string[] types) => new()
    {
        Name = "大同市司法局提醒", Url = _receiver.Url(), Scope = scope, EventTypes = { types.Length == 0 ? ["report.ingested"] : types },
    };

    [Fact]
    public async Task CreateSubscription_ScopeOutsideTheKeys_PermissionDenied()
    {
        var datong = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");

        var wider = await Assert.ThrowsAsync<RpcException>(() => Push(datong).CreateSubscriptionAsync(Request("")).ResponseAsync);
        var other = await Assert.ThrowsAsync<RpcException>(() => Push(datong).CreateSubscriptionAsync(Request("1410")).ResponseAsync);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => Push(datong).CreateSubscriptionAsync(Request("14x")).ResponseAsync);
        var own = await Push(datong).CreateSubscriptionAsync(Request("140225"));

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (wider.StatusCode, ServiceError.ReasonOf(wider)));
        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (other.StatusCode, ServiceError.ReasonOf(other)));
        Assert.Equal((StatusCode.InvalidArgument, "SCOPE_INVALID"), (malformed.StatusCode, ServiceError.ReasonOf(malformed)));
        Assert.Equal("140225", own.Subscription.Scope);
        Assert.Single((await Push(_stack.AdminKey).ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
    }

    [Fact]
    public async Task AnotherCitysSubscription_Unseen_AndChangesRefused()
    {
        var datong = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        var linfen = (await Push(_stack.AdminKey).CreateSubscriptionAsync(Request("1410"))).Subscription;
        var reference = new SubscriptionRef { SubscriptionId = linfen.SubscriptionId };

        var listed = await Push(datong).ListSubscriptionsAsync(new ListSubscriptionsRequest());
        var delete = await Assert.ThrowsAsync<RpcException>(() => Push(datong).DeleteSubscriptionAsync(reference).ResponseAsync);
        var pause = await Assert.ThrowsAsync<RpcException>(() => Push(datong).PauseSubscriptionAsync(reference).ResponseAsync);

        Assert.Empty(listed.Subscriptions);
        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (delete.StatusCode, ServiceError.ReasonOf(delete)));
        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (pause.StatusCode, ServiceError.ReasonOf(pause)));
        Assert.Equal("active", Assert.Single((await Push(_stack.AdminKey).ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions).State);
    }

    [Fact]
    public async Task Submissions_ThroughIngestionsOutbox_ReachOnlyTheSubscriptionOfTheirScope_AndTheChangesAreAudited()
    {
        var datong = await _stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市司法局");
        var subscription = (await Push(datong).CreateSubscriptionAsync(Request("1402"))).Subscription;
        var ids = await _stack.SubmitSeedsAsync();

        var received = await Eventually.UntilAsync(() => Task.FromResult(_receiver.Received.ToList()), r => r.Count >= 3, TimeSpan.FromSeconds(30),
            "大同's three reports");
        await Push(datong).PauseSubscriptionAsync(new SubscriptionRef { SubscriptionId = subscription.SubscriptionId });
        var deliveries = await Push(datong).ListDeliveriesAsync(new ListDeliveriesRequest { SubscriptionId = subscription.SubscriptionId });
        var auditor = await _stack.CreateKeyAsync(Roles.Auditor, "1402");
        var audit = await _stack.Access(auditor).ListAuditAsync(new ListAuditRequest());

        var subjects = received.Select(h => h.Json.GetProperty("subject").GetString()!).ToHashSet();
        Assert.Equal(new[] { SampleReports.Hunyuan, SampleReports.Yungang, SampleReports.YungangTown }.Select(s => ids[s]).ToHashSet(), subjects);
        Assert.Equal(received.Count, deliveries.Deliveries.Count);
        Assert.All(deliveries.Deliveries, d => Assert.StartsWith("1402", d.Jurisdiction, StringComparison.Ordinal));
        Assert.Contains(audit.Entries, e => e is { Action: "subscription.create", Outcome: "ok" } && e.Caller.StartsWith("大同市司法局", StringComparison.Ordinal)
            && e.Target == subscription.SubscriptionId);
        Assert.Contains(audit.Entries, e => e.Action == "subscription.pause" && e.Target == subscription.SubscriptionId);
        Assert.DoesNotContain(audit.Entries, e =>
            e.Detail.Contains(_receiver.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/hook?", StringComparison.Ordinal));
    }
}
