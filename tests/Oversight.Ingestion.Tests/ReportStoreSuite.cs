using Oversight.Ingestion.Storage;
using Oversight.Storage;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

/// <summary>The report and outbox stores' behaviour, the same on every dialect; one sealed subclass per dialect.</summary>
public abstract class ReportStoreSuite<TDatabase>() : StoreSuite<TDatabase>("ingestion.db", typeof(ReportStore).Assembly)
    where TDatabase : ITestDatabase, new()
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private ReportStore Reports => new(Database);

    private OutboxStore Outbox => new(Database);

    private static NewRevision Revision(string code, int year, string hash, DateTimeOffset? publishedAt = null) => new(
        $"{code}|{year}", code, year, code.Length == 9 ? "township" : "county", publishedAt, $"{code} {year} 报告", null, "text/plain", "utf-8",
        "tester", Now, false, "measures,shortfalls", [1, 2], [3], [4, 5, 6], "原文", "原文", hash);

    [DatabaseFact]
    public async Task Store_NewBodyAndYear_CreatedWithOneOutboxRowPerTarget()
    {
        var outcome = await Reports.StoreAsync(Revision("140225", 2025, "a"), ["metrics", "compliance"], Now, CancellationToken.None);

        Assert.Equal(StoreOutcome.Created, outcome.Outcome);
        Assert.Equal(1, outcome.Revision);
        Assert.Equal(2, await Outbox.PendingCountAsync(CancellationToken.None));
        var row = await Reports.GetAsync(outcome.ReportId, 0, RevisionParts.Outline | RevisionParts.Content | RevisionParts.Texts, CancellationToken.None);
        Assert.NotNull(row);
        Assert.True(row.IsCurrent);
        Assert.Equal([4, 5, 6], row.OriginalContent);
        Assert.Equal("原文", row.OriginalText);
    }

    [DatabaseFact]
    public async Task GetMany_CurrentAndNumberedRevisions_OnlyThoseWithTheirBytes()
    {
        var a = await Reports.StoreAsync(Revision("140225", 2025, "a1"), [], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("140225", 2025, "a2"), [], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("140225", 2025, "a3"), [], Now, CancellationToken.None);
        var b = await Reports.StoreAsync(Revision("140226", 2025, "b1"), [], Now, CancellationToken.None);

        var rows = await Reports.GetManyAsync([a.ReportId, b.ReportId, "unknown"], [1, 0], RevisionParts.Outline | RevisionParts.Content,
            CancellationToken.None);

        Assert.Equal([(a.ReportId, 1, false), (a.ReportId, 3, true), (b.ReportId, 1, true)],
            rows.Select(r => (r.ReportId, r.Revision, r.IsCurrent)).OrderBy(r => r.ReportId, StringComparer.Ordinal).ThenBy(r => r.Revision));
        Assert.All(rows, r => Assert.Equal([4, 5, 6], r.OriginalContent));
        Assert.All(rows, r => Assert.Null(r.OriginalText));
    }

    [DatabaseFact]
    public async Task Reads_PartsAskedFor_OnlyThoseLargeColumnsAndNoneInAListing()
    {
        var stored = await Reports.StoreAsync(Revision("140225", 2025, "a"), [], Now, CancellationToken.None);

        var summary = (await Reports.GetAsync(stored.ReportId, 0, RevisionParts.Summary, CancellationToken.None))!;
        var source = Assert.Single(await Reports.GetManyAsync([stored.ReportId], [0], RevisionParts.Content, CancellationToken.None));
        var outline = (await Reports.GetAsync(stored.ReportId, 0, RevisionParts.Outline, CancellationToken.None))!;
        var listed = Assert.Single(await Reports.ListAsync(new RevisionFilter("", 0, "", null, null, false), 0, 10, CancellationToken.None));

        Assert.Equal((0, false, null), (summary.Outline.Length, summary.OriginalContent is not null, summary.NormalizedText));
        Assert.Equal((0, null), (source.Outline.Length, source.NormalizedText));
        Assert.Equal([4, 5, 6], source.OriginalContent);
        Assert.Equal([3], outline.Outline);
        Assert.Null(outline.OriginalContent);
        Assert.Equal((0, false), (listed.Outline.Length, listed.OriginalContent is not null));
        Assert.Empty(listed.Metadata);
    }

    [DatabaseFact]
    public async Task StoreBatch_ReportItsRevisionAndDuplicatesInOneBatch_EachSeesTheOnesBefore()
    {
        var earlier = await Reports.StoreAsync(Revision("140226", 2025, "old"), ["metrics"], Now, CancellationToken.None);

        var outcomes = await Reports.StoreBatchAsync(
            [Revision("140225", 2025, "a"), Revision("140225", 2025, "b"), Revision("140225", 2025, "a"), Revision("140226", 2025, "old"),
                Revision("140226", 2025, "new")],
            ["metrics", "compliance"], Now, CancellationToken.None);

        Assert.Equal(
            [(StoreOutcome.Created, 1), (StoreOutcome.Revised, 2), (StoreOutcome.Duplicate, 1), (StoreOutcome.Duplicate, 1), (StoreOutcome.Revised, 2)],
            outcomes.Select(o => (o.Outcome, o.Revision)));
        Assert.Equal(outcomes[0].ReportId, outcomes[1].ReportId);
        Assert.Equal(earlier.ReportId, outcomes[4].ReportId);
        Assert.Equal(2, (await Reports.GetAsync(outcomes[0].ReportId, 0, RevisionParts.Summary, CancellationToken.None))!.Revision);
        Assert.Equal(2, (await Reports.GetAsync(earlier.ReportId, 0, RevisionParts.Summary, CancellationToken.None))!.Revision);
        // One notification per stored revision and target (seven), numbered in submission order: a revision's waits
        // behind its report's older one for the same target, so only the first of each is due.
        Assert.Equal(7, await Outbox.PendingCountAsync(CancellationToken.None));
        var claimed = await Outbox.ClaimDueAsync(Now, Now.AddMinutes(1), ["metrics", "compliance"], 100, CancellationToken.None);
        Assert.Equal(
            [(earlier.ReportId, 1, "metrics"), (outcomes[0].ReportId, 1, "metrics"), (outcomes[0].ReportId, 1, "compliance"),
                (earlier.ReportId, 2, "compliance")],
            claimed.OrderBy(m => m.Id).Select(m => (m.ReportId, m.Revision, m.Target)));
    }

    // Portals resubmit: sixteen writers on two instances send one body's report at once, twelve distinct contents and
    // four repeats. Compared with storing them one by one: one report, revisions 1..12 without gaps, the last current,
    // one notification per revision.
    [DatabaseFact]
    public async Task StoreBatch_SixteenWritersOfOneReportOnTwoInstances_RevisionsWithoutGapsOrDuplicates()
    {
        var stores = new[] { Reports, new ReportStore(OpenAnother()) };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            await stores[writer % 2].StoreBatchAsync([Revision("140225", 2025, $"content{writer % 12}")], ["metrics"], Now, CancellationToken.None))));

        var stored = outcomes.SelectMany(o => o).ToList();
        var reportId = Assert.Single(stored.Select(o => o.ReportId).Distinct());
        Assert.Equal(Enumerable.Range(1, 12), stored.Where(o => o.Outcome != StoreOutcome.Duplicate).Select(o => o.Revision).Order());
        Assert.Equal(4, stored.Count(o => o.Outcome == StoreOutcome.Duplicate));
        Assert.Equal(12, (await Reports.ListRevisionsAsync(reportId, CancellationToken.None)).Count);
        Assert.Equal(12, (await Reports.GetAsync(reportId, 0, RevisionParts.Summary, CancellationToken.None))!.Revision);
        Assert.Equal(12, await Outbox.PendingCountAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Store_SameContentAgain_DuplicateAndNoOutboxRows()
    {
        var first = await Reports.StoreAsync(Revision("140225", 2025, "a"), ["metrics"], Now, CancellationToken.None);

        var second = await Reports.StoreAsync(Revision("140225", 2025, "a"), ["metrics"], Now, CancellationToken.None);

        Assert.Equal(StoreOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.ReportId, second.ReportId);
        Assert.Equal(1, await Outbox.PendingCountAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Store_NewContent_NextRevisionBecomesCurrentAndHistoryStays()
    {
        var first = await Reports.StoreAsync(Revision("140225", 2025, "a"), [], Now, CancellationToken.None);

        var second = await Reports.StoreAsync(Revision("140225", 2025, "b"), [], Now, CancellationToken.None);
        var revisions = await Reports.ListRevisionsAsync(first.ReportId, CancellationToken.None);

        Assert.Equal((first.ReportId, 2, StoreOutcome.Revised), (second.ReportId, second.Revision, second.Outcome));
        Assert.Equal([2, 1], revisions.Select(r => r.Revision));
        Assert.Equal([true, false], revisions.Select(r => r.IsCurrent));
    }

    [DatabaseFact]
    public async Task List_FiltersAndKeysetPaging_CurrentRevisionsOnlyUnlessAsked()
    {
        await Reports.StoreAsync(Revision("140225", 2025, "a", Now), [], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("140225", 2025, "b", Now), [], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("140214102", 2025, "c"), [], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("141034", 2024, "d"), [], Now, CancellationToken.None);
        var everything = new RevisionFilter("", 0, "", null, null, false);

        var all = await Reports.ListAsync(everything, 0, 10, CancellationToken.None);
        var withHistory = await Reports.ListAsync(everything with { IncludeSuperseded = true }, 0, 10, CancellationToken.None);
        var datong = await Reports.ListAsync(everything with { Prefix = "1402" }, 0, 10, CancellationToken.None);
        var townships = await Reports.ListAsync(everything with { Level = "township" }, 0, 10, CancellationToken.None);
        var published = await Reports.ListAsync(everything with { PublishedFrom = Now.AddDays(-1) }, 0, 10, CancellationToken.None);
        var firstPage = await Reports.ListAsync(everything, 0, 2, CancellationToken.None);
        var secondPage = await Reports.ListAsync(everything, firstPage[^1].Seq, 2, CancellationToken.None);

        Assert.Equal(3, all.Count);
        Assert.Equal(4, withHistory.Count);
        Assert.Equal(["140214102", "140225"], datong.Select(r => r.JurisdictionCode).Order());
        Assert.Equal("140214102", Assert.Single(townships).JurisdictionCode);
        Assert.Equal("140225", Assert.Single(published).JurisdictionCode);
        Assert.Equal(all.Select(r => r.Seq), firstPage.Concat(secondPage).Select(r => r.Seq));
    }

    [DatabaseFact]
    public async Task ListMade_PageKnownOrNot_RowsReadOnlyForAPageWithAnUnknownRevision()
    {
        await Reports.StoreAsync(Revision("140225", 2025, "a"), [], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("141034", 2024, "d"), [], Now, CancellationToken.None);
        var withHistory = new RevisionFilter("", 0, "", null, null, true);
        var made = new MadeRows();

        var cold = await Reports.ListAsync(withHistory, 0, 10, made, CancellationToken.None);
        var warm = await Reports.ListAsync(withHistory, 0, 10, made, CancellationToken.None);
        await Reports.StoreAsync(Revision("140225", 2025, "b"), [], Now, CancellationToken.None);
        var revised = await Reports.ListAsync(withHistory, 0, 10, made, CancellationToken.None);

        Assert.Equal([("140225", 1, true), ("141034", 1, true)], cold.Select(r => (r.JurisdictionCode, r.Revision, r.IsCurrent)));
        Assert.Equal(cold, warm);
        Assert.Equal([("140225", 1, false), ("141034", 1, true), ("140225", 2, true)], revised.Select(r => (r.JurisdictionCode, r.Revision, r.IsCurrent)));
        Assert.Equal(["140225", "141034", "140225", "140225"], made.Made.Select(r => r.JurisdictionCode));
        Assert.Same(cold[1], revised[1]);
    }

    // Remembers each row it made, by position and current flag, as SummaryCache does.
    private sealed class MadeRows : IListedRows<RevisionRow>
    {
        public List<RevisionRow> Made { get; } = [];

        public RevisionRow? Known(long seq, bool current) => Made.LastOrDefault(r => r.Seq == seq && r.IsCurrent == current);

        public RevisionRow Make(RevisionRow row)
        {
            Made.Add(row);
            return row;
        }
    }

    [DatabaseFact]
    public async Task Outbox_OlderUndelivered_HoldsBackYoungerForTheSameReportAndTarget()
    {
        var first = await Reports.StoreAsync(Revision("140225", 2025, "a"), ["metrics"], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("140225", 2025, "b"), ["metrics"], Now, CancellationToken.None);
        await Reports.StoreAsync(Revision("141034", 2024, "c"), ["metrics"], Now, CancellationToken.None);

        // A lease that ends at once: each claim sees what is due, as a dispatcher that failed its deliveries would.
        var due = await Outbox.ClaimDueAsync(Now, Now, ["metrics"], 10, CancellationToken.None);
        Assert.Equal([(first.ReportId, 1)], due.Where(m => m.ReportId == first.ReportId).Select(m => (m.ReportId, m.Revision)));
        Assert.Equal(2, due.Count);

        await Outbox.MarkFailedAsync(due[0].Id, "unavailable", Now.AddMinutes(1), CancellationToken.None);
        Assert.DoesNotContain(await Outbox.ClaimDueAsync(Now, Now, ["metrics"], 10, CancellationToken.None), m => m.ReportId == first.ReportId);

        await Outbox.MarkDeliveredAsync(due[0].Id, Now, CancellationToken.None);
        var next = await Outbox.ClaimDueAsync(Now, Now, ["metrics"], 10, CancellationToken.None);
        Assert.Contains(next, m => m.ReportId == first.ReportId && m.Revision == 2);
    }

    // Several replicas of the dispatcher on one database: 16 claimers over two service instances, each claiming small
    // batches and marking them delivered. Every notification is claimed by exactly one of them.
    [DatabaseFact]
    public async Task ClaimDue_SixteenClaimersOnTwoInstances_EachNotificationClaimedOnce()
    {
        for (var i = 0; i < 60; i++)
        {
            await Reports.StoreAsync(Revision($"1402{i:D2}", 2025, $"h{i}"), ["metrics", "compliance"], Now, CancellationToken.None);
        }
        var instances = new[] { Outbox, new OutboxStore(OpenAnother()) };
        var claims = new System.Collections.Concurrent.ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(claimer => Task.Run(async () =>
        {
            var outbox = instances[claimer % 2];
            while (true)
            {
                var claimed = await outbox.ClaimDueAsync(Now, Now.AddMinutes(2), ["metrics", "compliance"], 5, CancellationToken.None);
                if (claimed.Count == 0)
                {
                    return;
                }
                foreach (var message in claimed)
                {
                    claims.Add(message.Id);
                }
                await outbox.MarkDeliveredAsync(claimed.Select(m => m.Id).ToArray(), Now, CancellationToken.None);
            }
        })));

        Assert.Equal(120, claims.Count);
        Assert.Equal(120, claims.Distinct().Count());
        Assert.Equal(0, await Outbox.PendingCountAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task ClaimDue_ClaimedAndNotDelivered_DueAgainOnlyAfterTheLease()
    {
        await Reports.StoreAsync(Revision("140225", 2025, "a"), ["metrics"], Now, CancellationToken.None);

        var first = await Outbox.ClaimDueAsync(Now, Now.AddMinutes(2), ["metrics"], 10, CancellationToken.None);
        var meanwhile = await Outbox.ClaimDueAsync(Now.AddMinutes(1), Now.AddMinutes(3), ["metrics"], 10, CancellationToken.None);
        var afterLease = await Outbox.ClaimDueAsync(Now.AddMinutes(2), Now.AddMinutes(4), ["metrics"], 10, CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(meanwhile);
        Assert.Equal(first[0].Id, Assert.Single(afterLease).Id);
    }
}

public sealed class SqliteReportStoreTests : ReportStoreSuite<SqliteDatabase>;

/// <summary>Runs against the SQL Server that OVERSIGHT_TEST_SQLSERVER points at, in a database of its own per test.</summary>
[RequiresEnvironment(SqlServerTestDatabase.Variable)]
public sealed class SqlServerReportStoreTests : ReportStoreSuite<SqlServerDatabase>;

/// <summary>Runs against the PostgreSQL server that OVERSIGHT_TEST_POSTGRES points at (tests/run.sh starts one), in a database of its own per test.</summary>
[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresReportStoreTests : ReportStoreSuite<PostgresDatabase>;
