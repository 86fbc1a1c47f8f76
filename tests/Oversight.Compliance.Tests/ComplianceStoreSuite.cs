using Oversight.Analysis.Reuse;
using Oversight.Analysis.Rules;
using Oversight.Analysis.Text;
using Oversight.Compliance.Storage;
using Oversight.Storage;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

/// <summary>The compliance stores' behaviour, the same on every dialect; one sealed subclass per dialect.</summary>
public abstract class ComplianceStoreSuite<TDatabase>() : StoreSuite<TDatabase>("compliance.db", typeof(FindingStore).Assembly)
    where TDatabase : ITestDatabase, new()
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);

    private static CheckRow Check(string reportId, int revision) => new()
    {
        ReportId = reportId, Revision = revision, JurisdictionCode = "140225", Level = "county", ReportYear = 2025, PacksKey = "national@1",
        Input = "{}", CheckedAt = Now,
    };

    private static AuditRow Audit(string action, string jurisdiction) => new()
    {
        At = Now, Caller = "admin", Role = "province_admin", Action = action, Target = "t", Jurisdiction = jurisdiction, Detail = "",
    };

    private static FindingRow Finding(string reportId, int revision, string code, string kind = "") => new()
    {
        FindingId = "f_" + Guid.NewGuid().ToString("N")[..12], FindingKey = $"{code}|{kind}|", ReportId = reportId, Revision = revision,
        JurisdictionCode = "140225",
        ReportYear = 2025, Code = code, Severity = "warning", SectionKind = kind, Message = "问题", RulePackId = "national", RulePackVersion = 1, CreatedAt = Now,
    };

    private static ReuseDocument Reused(string reportId, string code, int year, params string[] sentences) => new(
        new ReuseBody(reportId, 1, code, "county", year, "rule_of_law", sentences.Length * 20),
        [.. sentences.Select((s, n) => { var (k1, k2) = PassageKeys.Of(s); return new Passage(n, "一", new TextSpan(n * 30, 20), s, 20, k1, k2); })]);

    private static readonly string[] Sentences = ["坚持深入学习贯彻习近平法治思想全面推进依法行政", "建立健全行政裁量权基准制度细化量化裁量标准", "开展行政执法案卷评查工作规范执法程序", "推进法治政府建设示范创建活动取得实效"];

    // The index on every dialect: a report matches what came before it and is told to it (a counterpart), a new
    // revision with other text withdraws the match from the counterpart, and a key held by the common count is dropped.
    [DatabaseFact]
    public async Task ReuseIndex_PairsRevisionsAndCommonKeys_SameOnEveryDialect()
    {
        var store = new ReuseStore(Database, commonReports: 3);

        var first = await store.IndexAsync([Reused("a", "140225", 2025, Sentences)], CancellationToken.None);
        var second = await store.IndexAsync([Reused("b", "140224", 2025, Sentences[..3])], CancellationToken.None);
        var revised = await store.IndexAsync([Reused("b", "140224", 2025,
            "完全不同的一句话用来替换原来的文字内容") with { Body = new ReuseBody("b", 2, "140224", "county", 2025, "rule_of_law", 20) }], CancellationToken.None);
        var third = await store.IndexAsync([Reused("c", "140223", 2025, Sentences), Reused("d", "140222", 2025, Sentences)], CancellationToken.None);

        Assert.Empty(first.Matches["a"]);
        var match = Assert.Single(second.Matches["b"]);
        Assert.Equal(("a", 1.0, 3), (match.OtherReportId, match.Share, match.Passages));
        Assert.Equal(("a", "b", 0.75), (second.Counterparts[0].ReportId, second.Counterparts[0].OtherReportId, second.Counterparts[0].Match!.Share));
        Assert.Equal("开展行政执法案卷评查工作规范执法程序", match.Evidence[2].OtherExcerpt);
        Assert.Equal([("a", "b", (ReuseMatch?)null)], revised.Counterparts);
        // c matches a (two holders with c); d would be the third holder of every key: common, so d matches no one.
        Assert.Equal(["a"], third.Matches["c"].Select(m => m.OtherReportId));
        Assert.Empty(third.Matches["d"]);
        Assert.Empty(await new ReuseStore(Database, commonReports: 3).IndexAsync([Reused("e", "140221", 2025, Sentences)],
            CancellationToken.None) is var e ? e.Matches["e"] : []);
    }

    [DatabaseFact]
    public async Task SaveCheck_Again_KeepsIdAndWaiverOfFindingsProducedAgainAndDropsTheRest()
    {
        var store = new FindingStore(Database);
        var first = await store.SaveCheckAsync(Check("r", 1), [Finding("r", 1, "SHORTFALLS_WITHOUT_CAUSES", "shortfalls"), Finding("r", 1,
            "DISCLOSURE_DATE_UNKNOWN")], CancellationToken.None);
        var waivedId = first[0].FindingId;
        await store.SetStatusAsync(waivedId, FindingStatus.Waived, new ActionRow { Action = "waive", Reason = "附件", Actor = "admin", At = Now },
            Audit("finding.waive", "140225"), CancellationToken.None);

        var second = await store.SaveCheckAsync(Check("r", 1), [Finding("r", 1, "SHORTFALLS_WITHOUT_CAUSES", "shortfalls"), Finding("r", 1, "SECTION_MISSING",
            "suggestions")], CancellationToken.None);
        var stored = await store.ForReportAsync("r", 1, CancellationToken.None);
        var (finding, history) = await store.GetAsync(waivedId, CancellationToken.None);

        Assert.Equal(["SECTION_MISSING", "SHORTFALLS_WITHOUT_CAUSES"], stored.Select(f => f.Code).Order());
        Assert.Equal((waivedId, FindingStatus.Waived), (second[0].FindingId, finding!.Status));
        Assert.Equal(("waive", "附件", "admin"), (Assert.Single(history).Action, history[0].Reason, history[0].Actor));
    }

    // The outbox's CheckReport and another caller's (the platform's sample table, a sweep) check one report at once,
    // on two service instances: 16 writers, two revisions. Each save replaces the revision's findings whole.
    [DatabaseFact]
    public async Task SaveCheck_SixteenConcurrentWritersOnTwoInstances_OneCheckPerRevisionAndItsFindingsOnce()
    {
        var stores = new[] { new FindingStore(Database), new FindingStore(OpenAnother()) };

        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var revision = 1 + writer % 2;
            await stores[writer % 2].SaveCheckAsync(Check("r", revision),
                [Finding("r", revision, "SHORTFALLS_WITHOUT_CAUSES", "shortfalls"), Finding("r", revision, "DISCLOSURE_DATE_UNKNOWN")], CancellationToken.None);
        })));

        var current = await stores[0].ListAsync(new FindingFilter("", 0, "", "", "", "r", false), 0, 100, CancellationToken.None);
        var all = await stores[0].ListAsync(new FindingFilter("", 0, "", "", "", "r", true), 0, 100, CancellationToken.None);
        Assert.Equal([(2, "DISCLOSURE_DATE_UNKNOWN"), (2, "SHORTFALLS_WITHOUT_CAUSES")], current.Select(f => (f.Revision, f.Code)).Order());
        Assert.Equal(4, all.Count);
        Assert.Equal(2, (await stores[0].GetCheckAsync("r", 0, CancellationToken.None))!.Revision);
    }

    [DatabaseFact]
    public async Task SaveCheck_NewerRevision_OlderFindingsNoLongerCurrent()
    {
        var store = new FindingStore(Database);
        await store.SaveCheckAsync(Check("r", 1), [Finding("r", 1, "DISCLOSURE_DATE_UNKNOWN")], CancellationToken.None);
        await store.SaveCheckAsync(Check("r", 2), [Finding("r", 2, "SHORTFALLS_WITHOUT_CAUSES", "shortfalls")], CancellationToken.None);

        var current = await store.ListAsync(new FindingFilter("", 0, "", "", "", "r", false), 0, 10, CancellationToken.None);
        var all = await store.ListAsync(new FindingFilter("", 0, "", "", "", "r", true), 0, 10, CancellationToken.None);

        Assert.Equal(["SHORTFALLS_WITHOUT_CAUSES"], current.Select(f => f.Code));
        Assert.Equal(2, all.Count);
        Assert.Equal(2, (await store.GetCheckAsync("r", 0, CancellationToken.None))!.Revision);
    }

    [DatabaseFact]
    public async Task ReplaceNotDisclosed_KeepsStillTrueRemovesReportedKeepsWaived()
    {
        var store = new FindingStore(Database);
        FindingRow Missing(string code) => new()
        {
            FindingId = "f_" + Guid.NewGuid().ToString("N")[..12], FindingKey = $"NOT_DISCLOSED|{code}|2025", JurisdictionCode = code, ReportYear = 2025,
            Code = "NOT_DISCLOSED", Severity = "error", Message = "未公开", RulePackId = "national", RulePackVersion = 1, CreatedAt = Now,
        };
        await store.ReplaceNotDisclosedAsync("1402", 2025, "rule_of_law", [Missing("140212"), Missing("140213"), Missing("140215")], CancellationToken.None);
        var waived = (await store.ListAsync(new FindingFilter("140215", 0, "", "", "", "", false), 0, 10, CancellationToken.None)).Single();
        await store.SetStatusAsync(waived.FindingId, FindingStatus.Waived, new ActionRow { Action = "waive", Reason = "已撤销", Actor = "admin", At = Now },
            Audit("finding.waive", "140225"), CancellationToken.None);

        var added = await store.ReplaceNotDisclosedAsync("1402", 2025, "rule_of_law", [Missing("140212"), Missing("140221")], CancellationToken.None);
        var left = await store.ListAsync(new FindingFilter("1402", 2025, "NOT_DISCLOSED", "", "", "", false), 0, 10, CancellationToken.None);

        Assert.Equal(1, added);
        Assert.Equal(["140212", "140215", "140221"], left.Select(f => f.JurisdictionCode).Order());
    }

    private static FindingRow NotDisclosed(string code) => new()
    {
        FindingId = "f_" + Guid.NewGuid().ToString("N")[..12], FindingKey = $"NOT_DISCLOSED|{code}|2025", JurisdictionCode = code, ReportYear = 2025,
        Code = "NOT_DISCLOSED", Severity = "error", Message = "未公开", RulePackId = "national", RulePackVersion = 1, CreatedAt = Now,
    };

    // Eight sweeps (on two instances) that listed the reports before any of forty bodies had one, and ten first checks
    // of twenty of those bodies, all at once. Whatever the interleaving, a full recomputation holds at the end: every
    // body without a check flagged exactly once, and none of the checked ones.
    [DatabaseFact]
    public async Task ReplaceNotDisclosed_EightSweepsAndTenFirstChecksAtOnceOnTwoInstances_FlagsExactlyTheBodiesWithoutCheck()
    {
        var stores = new[] { new FindingStore(Database), new FindingStore(OpenAnother()) };
        var bodies = Enumerable.Range(1, 40).Select(i => $"1402{i:D2}").ToList();
        var checkedBodies = bodies.Where((_, i) => i % 2 == 0).ToList();

        var sweeps = Enumerable.Range(0, 8).Select(sweep => Task.Run(async () =>
            await stores[sweep % 2].ReplaceNotDisclosedAsync(sweep % 4 == 0 ? "14" : "1402", 2025, "rule_of_law", [.. bodies.Select(NotDisclosed)],
                CancellationToken.None)));
        var checks = checkedBodies.Chunk(2).Select((pair, writer) => Task.Run(async () =>
        {
            foreach (var code in pair)
            {
                var check = Check("r" + code, 1);
                check.JurisdictionCode = code;
                await stores[writer % 2].SaveCheckAsync(check, [], CancellationToken.None);
            }
        }));
        await Task.WhenAll([.. sweeps, .. checks]);

        var flagged = await stores[0].ListAsync(new FindingFilter("14", 2025, "NOT_DISCLOSED", "", "", "", false), 0, 1000, CancellationToken.None);
        Assert.Equal(bodies.Except(checkedBodies).Order(StringComparer.Ordinal), flagged.Select(f => f.JurisdictionCode).Order(StringComparer.Ordinal));
    }

    [DatabaseFact]
    public async Task ReplaceNotDisclosed_BodyCheckedSinceTheSweepListedReports_NotFlagged()
    {
        var store = new FindingStore(Database);
        var check = Check("r", 1);
        check.JurisdictionCode = "140212";
        await store.SaveCheckAsync(check, [], CancellationToken.None);

        var added = await store.ReplaceNotDisclosedAsync("1402", 2025, "rule_of_law", [NotDisclosed("140212"), NotDisclosed("140213")], CancellationToken.None);

        var flagged = await store.ListAsync(new FindingFilter("1402", 2025, "NOT_DISCLOSED", "", "", "", false), 0, 10, CancellationToken.None);
        Assert.Equal(1, added);
        Assert.Equal(["140213"], flagged.Select(f => f.JurisdictionCode));
    }

    // Compliance replicas seed the shipped registry at start, at once: eight imports of the same bodies on two
    // instances insert each body once; the imports after the first find them unchanged.
    [DatabaseFact]
    public async Task Registry_EightImportsAtOnceOnTwoInstances_EachBodyInsertedOnce()
    {
        var stores = new[] { new RegistryStore(Database), new RegistryStore(OpenAnother()) };
        var bodies = Enumerable.Range(1, 300).Select(i => new BodyRow
        {
            Code = $"14{i:D4}", Name = $"第{i}县", Level = "county", ParentCode = "140200",
            Kind = "government", MustReport = true, UpdatedAt = Now
        }).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () => await stores[writer % 2].UpsertAsync(bodies,
            CancellationToken.None))));

        Assert.Equal(300, results.Sum(r => r.Inserted));
        Assert.Equal(300 * 7, results.Sum(r => r.Unchanged));
        Assert.Equal(300, await stores[0].CountAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Registry_UpsertAndList_CountsAndKeysetPaging()
    {
        var store = new RegistryStore(Database);
        BodyRow Body(string code, string name) => new()
        {
            Code = code, Name = name, Level = "county", ParentCode = "140200", Kind = "government",
            MustReport = true, UpdatedAt = Now
        };

        var first = await store.UpsertAsync([Body("140212", "新荣区"), Body("140213", "平城区"), Body("140225-sfj", "司法局")], CancellationToken.None);
        var second = await store.UpsertAsync([Body("140212", "新荣区"), Body("140213", "平城区(新)")], CancellationToken.None);
        var page = await store.ListAsync("1402", "", "", true, "140212", 10, CancellationToken.None);

        Assert.Equal((3, 0, 0), first);
        Assert.Equal((0, 1, 1), second);
        Assert.Equal(["140213", "140225-sfj"], page.Select(b => b.Code));
    }

    [DatabaseFact]
    public async Task SweepSlots_ClaimedOnce()
    {
        var store = new SweepStore(Database);

        Assert.True(await store.ClaimSlotAsync("daily@2026-04-02", "s1", Now, CancellationToken.None));
        Assert.False(await store.ClaimSlotAsync("daily@2026-04-02", "s2", Now, CancellationToken.None));
    }

    // Every replica's scheduler wakes at the slot: sixteen claims at once on two instances, one wins.
    [DatabaseFact]
    public async Task SweepSlots_SixteenClaimsAtOnceOnTwoInstances_ExactlyOneWins()
    {
        var stores = new[] { new SweepStore(Database), new SweepStore(OpenAnother()) };

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            await stores[writer % 2].ClaimSlotAsync("daily@2026-04-02", $"s{writer}", Now, CancellationToken.None))));

        Assert.Single(claims, won => won);
    }

    [DatabaseFact]
    public async Task Keys_ListedByScopeAndRevokedOnce()
    {
        var store = new KeyStore(Database);
        KeyRow Key(string id, string scope) => new()
        {
            KeyId = id, Name = id, Role = "city_office", Scope = scope, Salt = "s", Hash = "h",
            CreatedAt = Now, CreatedBy = "test"
        };
        await store.AddAsync(Key("aaaaaaaaaaaaaaaa", "1402"), Audit("key.create", "1402"), CancellationToken.None);
        await store.AddAsync(Key("bbbbbbbbbbbbbbbb", "14"), Audit("key.create", "14"), CancellationToken.None);
        await store.AddAsync(Key("cccccccccccccccc", ""), Audit("key.create", ""), CancellationToken.None);

        var inside = await store.ListAsync("14", CancellationToken.None);
        var first = await store.RevokeAsync("aaaaaaaaaaaaaaaa", Now, "admin", Audit("key.revoke", "1402"), CancellationToken.None);
        var second = await store.RevokeAsync("aaaaaaaaaaaaaaaa", Now.AddDays(1), "other", Audit("key.revoke", "1402"), CancellationToken.None);
        var audited = await new AuditStore(Database).ListAsync("", "key.revoke", 0, 10, CancellationToken.None);
        var revoked = await store.GetAsync("aaaaaaaaaaaaaaaa", CancellationToken.None);

        Assert.Equal(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"], inside.Select(k => k.KeyId).Order());
        Assert.True(await store.AnyAsync(CancellationToken.None));
        Assert.Equal((true, false), (first, second));
        Assert.Equal(((DateTimeOffset?)Now, "admin"), (revoked!.RevokedAt, revoked.RevokedBy));
        Assert.Single(audited);
    }

    // Sixteen admins on two instances: eight create keys, eight revoke the same one. Every key and its audit entry is
    // stored, the first revocation stands and is the only one audited.
    [DatabaseFact]
    public async Task Keys_SixteenWritersAtOnceOnTwoInstances_EveryKeyAuditedOnceAndOneRevocation()
    {
        var stores = new[] { new KeyStore(Database), new KeyStore(OpenAnother()) };
        KeyRow Key(string id) => new()
        {
            KeyId = id, Name = id, Role = "city_office", Scope = "1402", Salt = "s", Hash = "h",
            CreatedAt = Now, CreatedBy = "test"
        };
        await stores[0].AddAsync(Key("target0000000000"), Audit("key.create", "1402"), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () => writer % 2 == 0
            ? await stores[writer / 2 % 2].AddAsync(Key($"key{writer:D13}"), Audit("key.create", "1402"), CancellationToken.None) == 1
            : await stores[writer / 2 % 2].RevokeAsync("target0000000000", Now, $"admin{writer}", Audit("key.revoke", "1402"), CancellationToken.None))));

        var audit = new AuditStore(Database);
        Assert.All(results.Where((_, writer) => writer % 2 == 0), Assert.True);
        Assert.Single(results.Where((_, writer) => writer % 2 == 1), revoked => revoked);
        Assert.Equal(9, (await stores[0].ListAsync("14", CancellationToken.None)).Count);
        Assert.Equal(9, (await audit.ListAsync("", "key.create", 0, 100, CancellationToken.None)).Count);
        Assert.Single(await audit.ListAsync("", "key.revoke", 0, 100, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Audit_ListedNewestFirstByScopeAndAction()
    {
        var store = new AuditStore(Database);
        AuditRow Entry(string action, string jurisdiction) => new()
        {
            At = Now, Caller = "c", Role = "province_admin", Action = action, Target = "t",
            Jurisdiction = jurisdiction, Detail = "d"
        };
        await store.AppendAsync(Entry("key.create", "1402"), CancellationToken.None);
        await store.AppendAsync(Entry("finding.waive", "140225"), CancellationToken.None);
        await store.AppendAsync(Entry("key.create", "5425"), CancellationToken.None);

        var shanxi = await store.ListAsync("14", "", 0, 10, CancellationToken.None);
        var keys = await store.ListAsync("", "key.create", 0, 10, CancellationToken.None);
        var nextPage = await store.ListAsync("", "", shanxi[0].Seq, 10, CancellationToken.None);

        Assert.Equal(["finding.waive", "key.create"], shanxi.Select(e => e.Action));
        Assert.Equal(["5425", "1402"], keys.Select(e => e.Jurisdiction));
        Assert.Equal(["1402"], nextPage.Select(e => e.Jurisdiction));
    }
}

public sealed class SqliteComplianceStoreTests : ComplianceStoreSuite<SqliteDatabase>;

/// <summary>Runs against the SQL Server that OVERSIGHT_TEST_SQLSERVER points at, in a database of its own per test.</summary>
[RequiresEnvironment(SqlServerTestDatabase.Variable)]
public sealed class SqlServerComplianceStoreTests : ComplianceStoreSuite<SqlServerDatabase>;

/// <summary>Runs against the PostgreSQL server that OVERSIGHT_TEST_POSTGRES points at (tests/run.sh starts one), in a database of its own per test.</summary>
[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresComplianceStoreTests : ComplianceStoreSuite<PostgresDatabase>;
