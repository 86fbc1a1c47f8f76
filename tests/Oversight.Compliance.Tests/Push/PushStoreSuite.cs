using Oversight.Analysis.Rules;
using Oversight.Compliance.Push;
using Oversight.Compliance.Storage;
using Oversight.Testing;

namespace Oversight.Compliance.Tests.Push;

/// <summary>The push outbox's SQL on every dialect: queueing in a check's transaction, claims, head-of-line order, pause, replay.</summary>
public abstract class PushStoreSuite<TDatabase>() : StoreSuite<TDatabase>("compliance.db", typeof(FindingStore).Assembly)
    where TDatabase : ITestDatabase, new()
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = new(2026, 4, 2, 0, 1, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2026, 4, 2, 0, 2, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 4, 3, 0, 0, 0, TimeSpan.Zero);

    private static AuditRow Audit(string action) => new()
    {
        At = T0, Caller = "admin", Role = "province_admin", Action = action, Target = "t",
        Jurisdiction = "", Detail = ""
    };

    private static SubscriptionRow Subscription(string id, string scope) => new()
    {
        SubscriptionId = id, Name = id, Url = "https://x.example/", EventTypes = string.Join(',', PushEventTypes.All), Scope = scope, Secret = "s",
        CreatedAt = T0, CreatedBy = "admin",
    };

    private static CheckRow Check(string reportId, string code) => new()
    {
        ReportId = reportId, Revision = 1, JurisdictionCode = code, Level = "county", ReportYear = 2025, PacksKey = "national@1", Input = "{}", CheckedAt = T0,
    };

    private static FindingRow Finding(string reportId, string code) => new()
    {
        FindingId = "f_" + Guid.NewGuid().ToString("N")[..12], FindingKey = "DISCLOSURE_DATE_UNKNOWN||", ReportId = reportId, Revision = 1,
        JurisdictionCode = code,
        ReportYear = 2025, Code = "DISCLOSURE_DATE_UNKNOWN", Severity = "warning", Message = "问题", RulePackId = "national", RulePackVersion = 1, CreatedAt = T0,
    };

    [DatabaseFact]
    public async Task Outbox_QueueClaimFailPauseReplay_SameOnEveryDialect()
    {
        var push = new PushStore(Database);
        var findings = new FindingStore(Database);
        Assert.True(await push.AddSubscriptionAsync(Subscription("sub_datong", "1402"), 2, Audit("subscription.create"), CancellationToken.None));
        Assert.True(await push.AddSubscriptionAsync(Subscription("sub_linfen", "1410"), 2, Audit("subscription.create"), CancellationToken.None));
        Assert.False(await push.AddSubscriptionAsync(Subscription("sub_more", "14"), 2, Audit("subscription.create"), CancellationToken.None));

        // Two 大同 reports (report.ingested + finding.opened each), none of 临汾's.
        await findings.SaveCheckAsync(Check("r1", "140225"), [Finding("r1", "140225")], CancellationToken.None);
        await findings.SaveCheckAsync(Check("r2", "140224"), [Finding("r2", "140224")], CancellationToken.None);
        var queued = await push.ListDeliveriesAsync("", "", "", 0, 100, CancellationToken.None);
        Assert.Equal(4, queued.Count);
        Assert.All(queued, d => Assert.Equal("sub_datong", d.SubscriptionId));
        Assert.Equal(["finding.opened", "finding.opened", "report.ingested", "report.ingested"], queued.Select(d => d.EventType).Order());
        Assert.Empty(await push.ListDeliveriesAsync("1410", "", "", 0, 100, CancellationToken.None));

        var claimed = await push.ClaimAsync(T0, T2, 20, 500, CancellationToken.None);
        Assert.Equal(queued.Select(d => d.Seq).Order(), claimed.Select(d => d.Seq));
        Assert.Empty(await push.ClaimAsync(T0, T2, 20, 500, CancellationToken.None)); // leased

        // The first fails; the rest, handed back, wait behind it.
        Assert.False(await push.FailedAsync(claimed[0], "HTTP 500", T0, T1, T0.AddDays(-1), Audit("subscription.pause"),
            CancellationToken.None));
        await push.ReleaseAsync(claimed.Skip(1).Select(d => d.DeliveryId), T0, CancellationToken.None);
        Assert.Empty(await push.ClaimAsync(T0, T2, 20, 500, CancellationToken.None));
        var retry = await push.ClaimAsync(T1, T2, 2, 500, CancellationToken.None);
        Assert.Equal(claimed.Take(2).Select(d => d.DeliveryId), retry.Select(d => d.DeliveryId));
        var failing = Assert.Single(await push.ListDeliveriesAsync("14", "sub_datong", "pending", 0, 100, CancellationToken.None), d => d.Attempts == 1);
        Assert.Equal("HTTP 500", failing.LastError);

        // Failing for longer than the period: paused, every pending delivery failed, the pause audited.
        Assert.True(await push.FailedAsync(retry[0], "HTTP 500", Later, Later, T1, Audit("subscription.pause"), CancellationToken.None));
        Assert.Equal(4, (await push.ListDeliveriesAsync("", "", "failed", 0, 100, CancellationToken.None)).Count);
        Assert.Equal(("paused", "failing"), (await push.GetSubscriptionAsync("sub_datong", CancellationToken.None)) is { } paused ? (paused.State,
            paused.PausedReason) : default);
        Assert.Empty(await push.ClaimAsync(Later, Later, 20, 500, CancellationToken.None));

        // Resumed and one replayed: that one is sent, and goes through.
        Assert.True(await push.SetStateAsync("sub_datong", "paused", "active", "", Audit("subscription.resume"), CancellationToken.None));
        Assert.True(await push.ReplayAsync(claimed[0].DeliveryId, Later, Audit("delivery.replay"), CancellationToken.None));
        Assert.False(await push.ReplayAsync(claimed[0].DeliveryId, Later, Audit("delivery.replay"), CancellationToken.None));
        var replayed = Assert.Single(await push.ClaimAsync(Later, Later, 20, 500, CancellationToken.None));
        await push.DeliveredAsync(replayed, Later, CancellationToken.None);
        var delivered = Assert.Single(await push.ListDeliveriesAsync("", "", "delivered", 0, 100, CancellationToken.None));
        Assert.Equal((claimed[0].DeliveryId, 3, Later), (delivered.DeliveryId, delivered.Attempts, delivered.DeliveredAt));
        Assert.Null((await push.GetSubscriptionAsync("sub_datong", CancellationToken.None))!.FailingSince);

        // A waiver queues finding.waived; the events carry what a receiver needs.
        var finding = (await findings.ForReportAsync("r1", 1, CancellationToken.None))[0];
        await findings.SetStatusAsync(finding.FindingId, FindingStatus.Waived, new ActionRow { Action = "waive", Reason = "已核实", Actor = "admin", At = Later },
            Audit("finding.waive"), CancellationToken.None);
        var waived = Assert.Single(await push.ListDeliveriesAsync("", "", "pending", 0, 100, CancellationToken.None), d => d.EventType == "finding.waived");
        var e = Assert.Single(await push.GetEventsAsync([waived.EventId], CancellationToken.None));
        Assert.Equal(("已核实", "waived"), (PushJson.Read<FindingEventData>(e.Data).Reason, PushJson.Read<FindingEventData>(e.Data).Status));

        Assert.True(await push.DeleteSubscriptionAsync("sub_datong", Audit("subscription.delete"), CancellationToken.None));
        Assert.Empty(await push.ListDeliveriesAsync("", "", "", 0, 100, CancellationToken.None));
        Assert.Equal(["sub_linfen"], (await push.ListSubscriptionsAsync("", CancellationToken.None)).Select(s => s.SubscriptionId));
    }
}

public sealed class SqlitePushStoreTests : PushStoreSuite<SqliteDatabase>;

/// <summary>Runs against the SQL Server that OVERSIGHT_TEST_SQLSERVER points at, in a database of its own per test.</summary>
[RequiresEnvironment(SqlServerTestDatabase.Variable)]
public sealed class SqlServerPushStoreTests : PushStoreSuite<SqlServerDatabase>;

/// <summary>Runs against the PostgreSQL server that OVERSIGHT_TEST_POSTGRES points at (tests/run.sh starts one), in a database of its own per test.</summary>
[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresPushStoreTests : PushStoreSuite<PostgresDatabase>;
