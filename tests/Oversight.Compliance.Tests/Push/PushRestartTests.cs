using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Push.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>
/// The outbox is the database: a delivery still pending when the sender stops (its receiver failing) is sent by the host
/// started again on the same SQLite file, with the same event id and a valid signature, and counted as delivered.
/// </summary>
public sealed class PushRestartTests
{
    private const string Secret = "restart-secret-0123456789";

    [Fact]
    public async Task PendingDelivery_SenderRestarted_DeliveredAfterTheRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (503, "维护中");
        await using var data = TempFolder.Create("oversight-push-restart-");
        var settings = PushDeliveryTests.Settings();
        settings["Compliance:Push:FirstRetryDelay"] = "00:00:00.200";
        settings["Compliance:Push:MaxRetryDelay"] = "00:00:00.400";
        // A delivery claimed by the stopped host is free again soon after, not two minutes later.
        settings["Compliance:Push:ClaimLease"] = "00:00:01";
        Delivery before;
        string reportId;
        await using (var first = await ComplianceStack.StartAsync(settings: settings, data: data))
        {
            await first.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Name = "省厅", Url = receiver.Url(), Secret = Secret, EventTypes = { "report.ingested" },
            });
            reportId = (await first.SubmitAsync(SampleReports.Hunyuan)).ReportId;
            await first.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = reportId });
            await Eventually.UntilAsync(() => receiver.Received.Count >= 2, TimeSpan.FromSeconds(30), "two failed attempts before the restart");
            before = await Eventually.UntilAsync(() => OnlyAsync(first), d => d.Attempts >= 1, TimeSpan.FromSeconds(10), "an attempt recorded");
        }
        var failedAttempts = receiver.Received.Count;
        Assert.Equal("pending", before.Status);
        Assert.Contains("HTTP 503", before.LastError, StringComparison.Ordinal);

        receiver.Answer = (204, "");
        await using var second = await ComplianceStack.StartAsync(settings: settings, data: data);
        var after = await Eventually.UntilAsync(() => OnlyAsync(second), d => d.Status == "delivered", TimeSpan.FromSeconds(30), "delivered after the restart");

        Assert.Equal((before.DeliveryId, before.EventId), (after.DeliveryId, after.EventId));
        Assert.True(after.Attempts > before.Attempts, $"{before.Attempts} attempts before, {after.Attempts} after");
        var received = receiver.Received.ToList();
        Assert.True(received.Count > failedAttempts, "a request after the restart");
        // At least once: every request, before the restart and after it, carries the same event, each signed.
        Assert.All(received, h => Assert.Equal((before.EventId, reportId), (h.Json.GetProperty("id").GetString(), h.Json.GetProperty("subject").GetString())));
        Assert.All(received, h => Assert.True(h.SignatureValid(Secret, DateTimeOffset.UtcNow)));
        // Delivered once: nothing is sent again afterwards, nor anything new queued.
        Assert.Empty((await second.Push.ListDeliveriesAsync(new ListDeliveriesRequest { Status = "pending" })).Deliveries);
    }

    private static async Task<Delivery> OnlyAsync(ComplianceStack stack) =>
        Assert.Single((await stack.Push.ListDeliveriesAsync(new ListDeliveriesRequest())).Deliveries);
}
