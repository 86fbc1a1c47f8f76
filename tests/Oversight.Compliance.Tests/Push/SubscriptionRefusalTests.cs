using Grpc.Core;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>What CreateSubscription and the other calls refuse, with a stable reason and a Chinese message saying what to fix; nothing is stored.</summary>
public sealed class SubscriptionRefusalTests : IAsyncLifetime
{
    private ComplianceStack _stack = null!;
    private WebhookReceiver _receiver = null!;

    /// <summary>Defaults: https required, no network allowed beyond the public ones.</summary>
    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _stack = await ComplianceStack.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    public static TheoryData<string, string, string[], string, string, StatusCode, string> Hostile => new()
    {
        { "", "https://oa.example.gov.cn/hook", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_NAME_INVALID" },
        { new string('名', 101), "https://oa.example.gov.cn/hook", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_NAME_INVALID" },
        { "n", "https://oa.example.gov.cn/" + new string('a', 100_000), ["finding.opened"], "", "", StatusCode.InvalidArgument, "FIELD_TOO_LONG" },
        { "n", "oa.example.gov.cn/hook", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_URL_INVALID" },
        { "n", "ftp://oa.example.gov.cn/hook", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_URL_INVALID" },
        { "n", "file:///etc/passwd", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_URL_INVALID" },
        { "n", "https://user:pass@oa.example.gov.cn/hook", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_URL_INVALID" },
        { "n", "https://oa.example.gov.cn/hook#x", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_URL_INVALID" },
        { "n", "http://oa.example.gov.cn/hook", ["finding.opened"], "", "", StatusCode.InvalidArgument, "SUBSCRIPTION_URL_NOT_HTTPS" },
        { "n", "https://oa.example.gov.cn/hook", [], "", "", StatusCode.InvalidArgument, "EVENT_TYPES_INVALID" },
        { "n", "https://oa.example.gov.cn/hook", ["report.deleted"], "", "", StatusCode.InvalidArgument, "EVENT_TYPES_INVALID" },
        { "n", "https://oa.example.gov.cn/hook", ["finding.opened", "<script>"], "", "", StatusCode.InvalidArgument, "EVENT_TYPES_INVALID" },
        { "n", "https://oa.example.gov.cn/hook", ["finding.opened"], "slack", "", StatusCode.InvalidArgument, "PUSH_FORMAT_INVALID" },
        { "n", "https://oa.example.gov.cn/hook", ["finding.opened"], "", "short", StatusCode.InvalidArgument, "SUBSCRIPTION_SECRET_INVALID" },
        { "n", "https://oa.example.gov.cn/hook", ["finding.opened"], "", "密钥密钥密钥密钥密钥密钥密钥密钥", StatusCode.InvalidArgument, "SUBSCRIPTION_SECRET_INVALID" },
        { "n", "https://oa.example.gov.cn/hook", ["finding.opened"], "", new string('s', 201), StatusCode.InvalidArgument, "SUBSCRIPTION_SECRET_INVALID" },
        { "n", "https://127.0.0.1/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://localhost/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://[::1]/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://[::ffff:127.0.0.1]/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://10.20.30.40/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://192.168.1.1/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://169.254.169.254/latest/meta-data", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://0.0.0.0/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
        { "n", "https://[fd00::1]/hook", ["finding.opened"], "", "", StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task CreateSubscription_HostileOrWrong_RefusedWithReasonAndChineseMessage(
        string name, string url, string[] types, string format, string secret, StatusCode code, string reason)
    {
        var request = new CreateSubscriptionRequest { Name = name, Url = url, Format = format, Secret = secret, EventTypes = { types } };

        var ex = await Assert.ThrowsAsync<RpcException>(() => _stack.Push.CreateSubscriptionAsync(request).ResponseAsync);

        Assert.Equal((code, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
        Assert.True(ex.Status.Detail.Length < 400, ex.Status.Detail);
        Assert.Empty((await _stack.Push.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
    }

    [Fact]
    public async Task CreateSubscription_ReceiverOnLoopbackNotAllowed_Refused()
    {
        var request = new CreateSubscriptionRequest
        {
            Name = "n", Url = _receiver.Url().Replace("http://", "https://", StringComparison.Ordinal),
            EventTypes = { "finding.opened" }
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => _stack.Push.CreateSubscriptionAsync(request).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "PUSH_TARGET_NOT_ALLOWED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains("Compliance:Push:AllowedNetworks", ex.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>A public address literal passes the address policy without a lookup; the limit then holds.</summary>
    [Fact]
    public async Task CreateSubscription_PastTheLimit_ResourceExhausted()
    {
        await using var stack = await ComplianceStack.StartAsync(settings: new Dictionary<string, string?> { ["Compliance:Push:MaxSubscriptions"] = "1" });
        var request = new CreateSubscriptionRequest { Name = "n", Url = "https://203.0.114.1/hook", Scope = "1402", EventTypes = { "finding.opened" } };

        await stack.Push.CreateSubscriptionAsync(request);
        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Push.CreateSubscriptionAsync(request).ResponseAsync);

        Assert.Equal((StatusCode.ResourceExhausted, "SUBSCRIPTION_LIMIT_REACHED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
        Assert.Single((await stack.Push.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
    }

    [Theory]
    [InlineData("DeleteSubscription", "", StatusCode.InvalidArgument, "SUBSCRIPTION_ID_MISSING")]
    [InlineData("DeleteSubscription", "sub_nope", StatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND")]
    [InlineData("PauseSubscription", "sub_nope", StatusCode.NotFound, "SUBSCRIPTION_NOT_FOUND")]
    [InlineData("ResumeSubscription", "", StatusCode.InvalidArgument, "SUBSCRIPTION_ID_MISSING")]
    [InlineData("ReplayDelivery", "", StatusCode.InvalidArgument, "DELIVERY_ID_MISSING")]
    [InlineData("ReplayDelivery", "dlv_nope", StatusCode.NotFound, "DELIVERY_NOT_FOUND")]
    [InlineData("ListDeliveries", "lost", StatusCode.InvalidArgument, "DELIVERY_STATUS_INVALID")]
    public async Task ById_MissingOrUnknown_Refused(string method, string id, StatusCode code, string reason)
    {
        var reference = new SubscriptionRef { SubscriptionId = id };
        Func<Task> call = method switch
        {
            "DeleteSubscription" => () => _stack.Push.DeleteSubscriptionAsync(reference).ResponseAsync,
            "PauseSubscription" => () => _stack.Push.PauseSubscriptionAsync(reference).ResponseAsync,
            "ResumeSubscription" => () => _stack.Push.ResumeSubscriptionAsync(reference).ResponseAsync,
            "ReplayDelivery" => () => _stack.Push.ReplayDeliveryAsync(new ReplayDeliveryRequest { DeliveryId = id }).ResponseAsync,
            _ => () => _stack.Push.ListDeliveriesAsync(new ListDeliveriesRequest { Status = id }).ResponseAsync,
        };

        var ex = await Assert.ThrowsAsync<RpcException>(call);

        Assert.Equal((code, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
    }
}
