using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Push.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>
/// Two subscriptions (临汾市 1410 and 大同市 1402) on real receivers on 127.0.0.1, allowed by configuration: each event
/// type reaches the subscription whose scope holds it, once, signed, and nothing of the other city does.
/// </summary>
public sealed class PushDeliveryTests
{
    private const string LinfenSecret = "linfen-secret-0123456789";
    private const string LinfenPack = "packId: linfen\nname: 临汾市\nscopePrefix: \"1410\"\nsections:\n  - kind: {0}\n    missingSeverity: info";

    public static Dictionary<string, string?> Settings(string pollInterval = "00:00:00.050") => new()
    {
        ["Compliance:Push:RequireHttps"] = "false",
        ["Compliance:Push:AllowedNetworks:0"] = "127.0.0.1/32",
        ["Compliance:Push:PollInterval"] = pollInterval,
    };

    [Fact]
    public async Task Subscriptions_EveryEventType_DeliveredOnceSignedAndOnlyInsideTheirScope()
    {
        await using var linfen = await WebhookReceiver.StartAsync();
        await using var datong = await WebhookReceiver.StartAsync();
        await using var stack = await ComplianceStack.StartAsync(seedRegistry: true, settings: Settings());
        var linfenSubscription = await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "临汾市司法局", Url = linfen.Url(), Scope = "1410", Secret = LinfenSecret, EventTypes = { PushEventNames.All },
        });
        var datongCreated = await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "大同市司法局", Url = datong.Url(), Scope = "1402", EventTypes = { PushEventNames.All },
        });

        // 汾西县 (1410): checked, a section the city's pack requires missing, the pack changed so it no longer is, one finding waived.
        var fenxi = await stack.SubmitAsync(SampleReports.Fenxi);
        await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = string.Format(CultureInfo.InvariantCulture, LinfenPack, "highlights") });
        var findings = (await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = fenxi.ReportId })).Findings;
        var highlights = findings.Single(f => f.SectionKind == "highlights");
        await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = string.Format(CultureInfo.InvariantCulture, LinfenPack, "measures") });
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = fenxi.ReportId });
        var waived = findings.First(f => f.Code == "DISCLOSURE_DATE_UNKNOWN");
        await stack.Compliance.WaiveFindingAsync(new WaiveFindingRequest { FindingId = waived.FindingId, Reason = "原文页面显示发布日期" });
        // 浑源县 (1402) checked; then a sweep of all 山西 for 2024, whose late bodies each city sees only for itself.
        var hunyuan = await stack.SubmitAsync(SampleReports.Hunyuan);
        await stack.Compliance.CheckReportAsync(new CheckReportRequest { ReportId = hunyuan.ReportId });
        await SweepAsync(stack, "14", 2024);

        var received = await Eventually.UntilAsync(() => Task.FromResult(linfen.Received.ToList()),
            r => PushEventNames.All.All(t => r.Any(h => h.Json.GetProperty("type").GetString() == "oversight." + t)), TimeSpan.FromSeconds(30),
                "every event type at 临汾");
        await Eventually.UntilAsync(() => datong.Received.Any(h => h.Json.GetProperty("type").GetString() == "oversight.sweep.completed"),
            TimeSpan.FromSeconds(30), "the sweep at 大同");
        await Eventually.UntilAsync(async () => (await PendingAsync(stack)) == 0, TimeSpan.FromSeconds(30), "every delivery sent");
        received = [.. linfen.Received];

        var events = received.Select(h => h.Json).ToList();
        Assert.All(received, h => Assert.True(h.SignatureValid(LinfenSecret, DateTimeOffset.UtcNow), "signature of " + h.Header("X-Oversight-Delivery")));
        Assert.All(received, h => Assert.StartsWith("application/cloudevents+json", h.Header("Content-Type"), StringComparison.Ordinal));
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(received.Count, received.Select(h => h.Header("X-Oversight-Delivery")).Distinct().Count());
        Assert.All(events, e => Assert.Equal(("1.0", "/oversight/compliance"), (e.GetProperty("specversion").GetString(),
            e.GetProperty("source").GetString())));
        Assert.All(events, e => Assert.StartsWith("1410", e.GetProperty("jurisdiction").GetString(), StringComparison.Ordinal));
        var ofType = events.ToLookup(e => e.GetProperty("type").GetString()![10..]);
        var ingested = Assert.Single(ofType["report.ingested"]);
        Assert.Equal((fenxi.ReportId, 2024), (ingested.GetProperty("data").GetProperty("report_id").GetString(),
            ingested.GetProperty("data").GetProperty("report_year").GetInt32()));
        Assert.Contains(ofType["finding.opened"], e => e.GetProperty("subject").GetString() == highlights.FindingId);
        Assert.Equal(highlights.FindingId, Assert.Single(ofType["finding.resolved"]).GetProperty("subject").GetString());
        var waiver = Assert.Single(ofType["finding.waived"]).GetProperty("data");
        Assert.Equal((waived.FindingId, "原文页面显示发布日期"), (waiver.GetProperty("finding_id").GetString(), waiver.GetProperty("reason").GetString()));
        var sweep = Assert.Single(ofType["sweep.completed"]).GetProperty("data");
        var late = sweep.GetProperty("late_bodies").EnumerateArray().Select(b => b.GetProperty("code").GetString()!).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, code => Assert.StartsWith("1410", code, StringComparison.Ordinal));
        Assert.DoesNotContain("141034", late); // 汾西县 reported

        var datongEvents = datong.Received.Select(h => h.Json).ToList();
        Assert.All(datongEvents, e => Assert.StartsWith("1402", e.GetProperty("jurisdiction").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(datongEvents, e => e.GetProperty("subject").GetString() == fenxi.ReportId);
        Assert.Contains(datongEvents, e => e.GetProperty("subject").GetString() == hunyuan.ReportId);
        var datongLate = datongEvents.Single(e =>
            e.GetProperty("type").GetString() == "oversight.sweep.completed").GetProperty("data").GetProperty("late_bodies");
        Assert.All(datongLate.EnumerateArray(), b => Assert.StartsWith("1402", b.GetProperty("code").GetString(), StringComparison.Ordinal));
        Assert.True(datong.Received.All(h => !h.SignatureValid(LinfenSecret, DateTimeOffset.UtcNow)), "大同's deliveries are signed with its own secret");
        Assert.True(datong.Received.All(h => h.SignatureValid(datongCreated.Secret, DateTimeOffset.UtcNow)));
        Assert.StartsWith("whsec_", datongCreated.Secret, StringComparison.Ordinal);
        Assert.Equal("", linfenSubscription.Secret);
    }

    [Fact]
    public async Task ListSubscriptions_NeverShowsTheSecretOrTheQuery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var stack = await ComplianceStack.StartAsync(settings: Settings());
        await stack.Push.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "机器人", Url = receiver.Url("/cgi-bin/webhook/send?key=bot-key-123"), Format = "wecom", Secret = LinfenSecret,
            EventTypes = { "finding.opened" },
        });

        var listed = Assert.Single((await stack.Push.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);

        var json = Google.Protobuf.JsonFormatter.Default.Format(listed);
        Assert.DoesNotContain(LinfenSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("bot-key-123", json, StringComparison.Ordinal);
        Assert.EndsWith("/cgi-bin/webhook/send?…", listed.Url, StringComparison.Ordinal);
    }

    private static async Task SweepAsync(ComplianceStack stack, string prefix, int year)
    {
        using var call = stack.Compliance.RunSweep(new RunSweepRequest
        {
            ReportYear = year, AsOf = new Date { Year = year + 1, Month = 4, Day = 2 }, ScopePrefix = prefix, Trigger = "test",
        });
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task<int> PendingAsync(ComplianceStack stack) =>
        (await stack.Push.ListDeliveriesAsync(new ListDeliveriesRequest { Status = "pending", PageSize = 500 })).Deliveries.Count;
}

/// <summary>The event types as the contract spells them (written out here, not read from the service).</summary>
public static class PushEventNames
{
    public static readonly string[] All = ["report.ingested", "finding.opened", "finding.resolved", "finding.waived", "sweep.completed"];
}
