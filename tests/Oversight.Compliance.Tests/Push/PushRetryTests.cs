using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Compliance.Push;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>
/// A receiver that fails, on a clock the test sets (no sleeps): the dispatcher is driven round by round, retries come at
/// growing delays, failures are listed, the subscription pauses after the configured period, and a replay delivers.
/// </summary>
public sealed class PushRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FailingReceiver_RetriedWithGrowingDelays_PausedAfterThePeriod_ThenReplayed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (503, "维护中");
        var clock = new ManualTimeProvider(Start);
        var settings = PushDeliveryTests.Settings();
        settings["Compliance:Push:Dispatch"] = "false";
        settings["Compliance:Push:FirstRetryDelay"] = "00:01:00";
        settings["Compliance:Push:MaxRetryDelay"] = "06:00:00";
        settings["Compliance:Push:PauseAfter"] = "1.00:00:00";
        await using var stack = await ComplianceStack.StartAsync(settings: settings, time: clock);
        var dispatcher = stack.Services.GetRequiredService<PushDispatcher>();
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(stack.ComplianceHost.Address);
        var audit = new AccessService.AccessServiceClient(channel);
        var subscription = (await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "省厅", Url = receiver.Url(), Secret = "retry-secret-0123456789", EventTypes = { "report.ingested" },
        })).Subscription;
        var report = await stack.SubmitAsync(SampleReports.Hunyuan);
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = report.ReportId });

        var delays = new List<TimeSpan>();
        Delivery delivery;
        do
        {
            Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));
            delivery = await OnlyAsync(stack);
            if (delivery.Status == "pending")
            {
                var due = delivery.NextAttemptAt.ToDateTimeOffset();
                delays.Add(due - clock.GetUtcNow());
                // Not due yet: nothing is sent.
                clock.Now = due - TimeSpan.FromSeconds(1);
                Assert.Equal(0, await dispatcher.RunOnceAsync(CancellationToken.None));
                clock.Now = due;
            }
        }
        while (delivery.Status == "pending" && delays.Count < 100);

        Assert.Equal(("failed", delays.Count + 1), (delivery.Status, delivery.Attempts));
        Assert.Equal(delivery.Attempts, receiver.Received.Count);
        Assert.Contains("HTTP 503", delivery.LastError, StringComparison.Ordinal);
        Assert.Contains("维护中", delivery.LastError, StringComparison.Ordinal);
        // Each delay below the cap is longer than the one before; the cap holds; paused once a day of failures was reached.
        var growing = delays.TakeWhile(d => d < TimeSpan.FromHours(6)).ToList();
        Assert.True(growing.Count >= 5, string.Join(", ", delays));
        Assert.All(growing.Zip(growing.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First} then {pair.Second}"));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMinutes(1), TimeSpan.FromHours(6)));
        Assert.InRange(clock.GetUtcNow() - Start, TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromHours(6));
        var paused = Assert.Single((await stack.Push.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
        Assert.Equal(("paused", "failing"), (paused.State, paused.PausedReason));
        var pauseEntry = (await audit.ListAuditAsync(new ListAuditRequest { Action = "subscription.pause" })).Entries.Single();
        Assert.Equal(("push", subscription.SubscriptionId), (pauseEntry.Caller, pauseEntry.Target));
        // Paused: no longer tried, however long one waits.
        clock.Now += TimeSpan.FromDays(30);
        Assert.Equal(0, await dispatcher.RunOnceAsync(CancellationToken.None));
        var failed = (await stack.Push.ListDeliveriesAsync(new ListDeliveriesRequest { Status = "failed" })).Deliveries;
        Assert.Equal(delivery.DeliveryId, Assert.Single(failed).DeliveryId);

        // Replay: refused while paused, then delivered once resumed, with the same event id.
        receiver.Answer = (204, "");
        var whilePaused = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Push.ReplayDeliveryAsync(new ReplayDeliveryRequest { DeliveryId = delivery.DeliveryId }).ResponseAsync);
        await stack.Push.ResumeSubscriptionAsync(new SubscriptionRef { SubscriptionId = subscription.SubscriptionId });
        var replayed = await stack.Push.ReplayDeliveryAsync(new ReplayDeliveryRequest { DeliveryId = delivery.DeliveryId });
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Push.ReplayDeliveryAsync(new ReplayDeliveryRequest { DeliveryId = delivery.DeliveryId }).ResponseAsync);
        Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));

        Assert.Equal((StatusCode.FailedPrecondition, "SUBSCRIPTION_ALREADY_PAUSED"), (whilePaused.StatusCode, ServiceError.ReasonOf(whilePaused)));
        Assert.Equal((StatusCode.FailedPrecondition, "DELIVERY_NOT_REPLAYABLE"), (again.StatusCode, ServiceError.ReasonOf(again)));
        Assert.Equal("pending", replayed.Status);
        var delivered = await OnlyAsync(stack);
        Assert.Equal(("delivered", delays.Count + 2), (delivered.Status, delivered.Attempts));
        var ids = receiver.Received.Select(h => h.Json.GetProperty("id").GetString()).Distinct().ToList();
        Assert.Equal(delivery.EventId, Assert.Single(ids));
        Assert.True(receiver.Received.Last().SignatureValid("retry-secret-0123456789", clock.GetUtcNow()));
        var actions = (await audit.ListAuditAsync(new ListAuditRequest())).Entries.Select(e => e.Action).ToList();
        Assert.Contains("subscription.resume", actions);
        Assert.Contains("delivery.replay", actions);
    }

    [Fact]
    public async Task Receiver_DownThenUp_EventsArriveInOrderAfterTheOutage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (500, "");
        var clock = new ManualTimeProvider(Start);
        var settings = PushDeliveryTests.Settings();
        settings["Compliance:Push:Dispatch"] = "false";
        await using var stack = await ComplianceStack.StartAsync(settings: settings, time: clock);
        var dispatcher = stack.Services.GetRequiredService<PushDispatcher>();
        await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest { Name = "省厅", Url = receiver.Url(), EventTypes = { "report.ingested" } });
        var reports = new List<string>();
        foreach (var seed in new[] { SampleReports.Hunyuan, SampleReports.Yungang, SampleReports.Fenxi })
        {
            var report = await stack.SubmitAsync(seed);
            await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = report.ReportId });
            reports.Add(report.ReportId);
        }

        // The first fails; the two behind it wait for it rather than overtaking it.
        Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));
        receiver.Answer = (200, "");
        clock.Now += TimeSpan.FromMinutes(5);
        Assert.Equal(3, await dispatcher.RunOnceAsync(CancellationToken.None));

        var subjects = receiver.Received.Select(h => h.Json.GetProperty("subject").GetString()).ToList();
        Assert.Equal([reports[0], .. reports], subjects);
        var sequences = receiver.Received.Skip(1).Select(h => long.Parse(h.Json.GetProperty("sequence").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Theory]
    [InlineData(1, 10, 15)]
    [InlineData(2, 20, 30)]
    [InlineData(5, 160, 240)]
    [InlineData(30, 3600, 3600)]
    public void RetryDelay_Attempt_DoublesWithJitterUpToTheCap(int failures, int atLeastSeconds, int atMostSeconds)
    {
        var delays = Enumerable.Range(0, 200).Select(_ => PushDispatcher.RetryDelay(failures, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1))).ToList();

        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, atLeastSeconds, atMostSeconds));
        Assert.True(atLeastSeconds == atMostSeconds || delays.Distinct().Count() > 1, "jitter varies the delay");
    }

    private static async Task<Delivery> OnlyAsync(ComplianceStack stack) =>
        Assert.Single((await stack.Push.ListDeliveriesAsync(new ListDeliveriesRequest())).Deliveries);
}
