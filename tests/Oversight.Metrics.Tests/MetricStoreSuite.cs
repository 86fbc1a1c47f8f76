using Oversight.Metrics.Storage;
using Oversight.Storage;
using Oversight.Testing;

namespace Oversight.Metrics.Tests;

/// <summary>The metric store's behaviour, the same on every dialect; one sealed subclass per dialect.</summary>
public abstract class MetricStoreSuite<TDatabase>() : StoreSuite<TDatabase>("metrics.db", typeof(MetricStore).Assembly)
    where TDatabase : ITestDatabase, new()
{
    private MetricStore Store => new(Database);

    private static AnalysisRow Analysis(string reportId, int revision, string code, int year, string version = "v1") => new()
    {
        ReportId = reportId, Revision = revision, JurisdictionCode = code, ParentCode = Oversight.Analysis.Metadata.ScopeRules.ParentOf(code),
        Level = code.Length == 9 ? "township" : "county", ReportYear = year, CatalogVersion = version,
        AnalyzedAt = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static ValueRow Value(AnalysisRow analysis, int ordinal, string indicator, double value, bool used = true) => new()
    {
        ReportId = analysis.ReportId, Revision = analysis.Revision, Ordinal = ordinal, Indicator = indicator, Value = value, Unit = "件",
        Qualifier = "exact", RawText = $"{value}件", SectionPath = "一", SpanStart = ordinal * 10, SpanLength = 10, Excerpt = "句子",
        UsedInAggregate = used, JurisdictionCode = analysis.JurisdictionCode, ParentCode = analysis.ParentCode, Level = analysis.Level,
        ReportYear = analysis.ReportYear,
    };

    private async Task SaveAsync(AnalysisRow analysis, params (string Indicator, double Value, bool Used)[] values)
    {
        analysis.ValueCount = values.Length;
        await Store.SaveAsync(analysis, [.. values.Select((v, i) => Value(analysis, i, v.Indicator, v.Value, v.Used))], CancellationToken.None);
    }

    [DatabaseFact]
    public async Task Save_SameRevisionAgain_ValuesReplacedNotDuplicated()
    {
        await SaveAsync(Analysis("r1", 1, "140225", 2025), ("legal_aid.cases", 112, true), ("notarization.count", 103, true));
        await SaveAsync(Analysis("r1", 1, "140225", 2025, "v2"), ("legal_aid.cases", 113, true));

        var values = await Store.GetValuesAsync("r1", 1, CancellationToken.None);
        var analysis = await Store.GetAnalysisAsync("r1", 0, CancellationToken.None);

        Assert.Equal([("legal_aid.cases", 113d)], values.Select(v => (v.Indicator, v.Value)));
        Assert.Equal(("v2", 1, true), (analysis!.CatalogVersion, analysis.ValueCount, analysis.IsCurrent));
    }

    [DatabaseFact]
    public async Task Save_NewerRevision_OnlyItCountsInAggregates()
    {
        await SaveAsync(Analysis("r1", 1, "140225", 2025), ("legal_aid.cases", 100, true));
        await SaveAsync(Analysis("r1", 2, "140225", 2025), ("legal_aid.cases", 120, true));
        await SaveAsync(Analysis("r1", 1, "140225", 2025, "v2"), ("legal_aid.cases", 101, true));

        var (sums, counts) = await Store.AggregateAsync(new ValueScope("", 0, "", []), Grouping.None, GroupPage.All, CancellationToken.None);

        Assert.Equal([("legal_aid.cases", 120d, 1)], sums.Select(s => (s.Indicator, s.Total, s.Stating)));
        Assert.Equal(1, Assert.Single(counts).Reports);
        Assert.Equal(2, (await Store.GetAnalysisAsync("r1", 0, CancellationToken.None))!.Revision);
    }

    [DatabaseFact]
    public async Task Aggregate_ByParentWithPrefixAndLevel_OnlyUsedValuesOfTheScope()
    {
        await SaveAsync(Analysis("a", 1, "140225", 2025), ("legal_aid.cases", 112, true), ("legal_aid.cases", 5, false));
        await SaveAsync(Analysis("b", 1, "140214", 2025), ("legal_aid.cases", 249, true));
        await SaveAsync(Analysis("c", 1, "140214102", 2025));
        await SaveAsync(Analysis("d", 1, "141029", 2025), ("legal_aid.cases", 59, true));
        await SaveAsync(Analysis("e", 1, "140225", 2024), ("legal_aid.cases", 90, true));

        var (sums, counts) = await Store.AggregateAsync(new ValueScope("1402", 2025, "county", ["legal_aid.cases"]), Grouping.Parent, GroupPage.All,
            CancellationToken.None);

        var sum = Assert.Single(sums);
        Assert.Equal(("140200", 361d, 112d, 249d, 2), (sum.GroupKey, sum.Total, sum.Smallest, sum.Largest, sum.Stating));
        Assert.Equal([("140200", 2)], counts.Select(c => (c.GroupKey, c.Reports)));
    }

    [DatabaseFact]
    public async Task Aggregate_ByYear_KeyIsTheYear()
    {
        await SaveAsync(Analysis("a", 1, "140225", 2025), ("legal_aid.cases", 112, true));
        await SaveAsync(Analysis("e", 1, "140225", 2024), ("legal_aid.cases", 90, true));

        var (sums, _) = await Store.AggregateAsync(new ValueScope("", 0, "", []), Grouping.Year, GroupPage.All, CancellationToken.None);

        Assert.Equal([("2024", 90d), ("2025", 112d)], sums.Select(s => (s.GroupKey, s.Total)).Order());
    }

    [DatabaseFact]
    public async Task Aggregate_RollupsAfterRevisionsAndMoves_SameAsFromTheValuesAndAfterARebuild()
    {
        await SaveAsync(Analysis("a", 1, "140225", 2025), ("legal_aid.cases", 112, true), ("notarization.count", 3, true));
        await SaveAsync(Analysis("b", 1, "140214", 2025), ("legal_aid.cases", 249, true));
        await SaveAsync(Analysis("c", 1, "140214102", 2025), ("legal_aid.cases", 7, true));
        await SaveAsync(Analysis("d", 1, "141029", 2024), ("legal_aid.cases", 59, true));
        await SaveAsync(Analysis("a", 2, "140225", 2025), ("legal_aid.cases", 120, true));
        await SaveAsync(Analysis("c", 2, "141029101", 2025), ("legal_aid.cases", 9, true)); // moved to another county
        await SaveAsync(Analysis("d", 1, "141029", 2024, "v2"));

        foreach (var grouping in new[] { Grouping.None, Grouping.Year, Grouping.Level, Grouping.Parent })
        {
            foreach (var prefix in new[] { "", "14", "1402" })
            {
                var scope = new ValueScope(prefix, 0, "", []);
                var expected = Normalise(await Store.AggregateValuesAsync(scope, grouping, GroupPage.All, CancellationToken.None));
                Assert.Equal(expected, Normalise(await Store.AggregateAsync(scope, grouping, GroupPage.All, CancellationToken.None)));
                await Store.RebuildRollupsAsync(CancellationToken.None);
                Assert.Equal(expected, Normalise(await Store.AggregateAsync(scope, grouping, GroupPage.All, CancellationToken.None)));
            }
        }
    }

    // Pages of one and of two groups, walked by the last key of each, on the rollups and on the values: every group
    // once, in the order the database keeps its keys, and the same sums as unpaged.
    [DatabaseFact]
    public async Task Aggregate_PagedByGroupKey_EveryGroupOnceSameAsUnpaged()
    {
        await SaveAsync(Analysis("a", 1, "140225", 2025), ("legal_aid.cases", 112, true), ("notarization.count", 3, true));
        await SaveAsync(Analysis("b", 1, "140214", 2024), ("legal_aid.cases", 249, true));
        await SaveAsync(Analysis("c", 1, "140214102", 2025), ("notarization.count", 7, true));
        await SaveAsync(Analysis("d", 1, "141029", 2023), ("legal_aid.cases", 59, true));
        await SaveAsync(Analysis("e", 1, "141029101", 2025));

        foreach (var grouping in new[] { Grouping.None, Grouping.Year, Grouping.Level, Grouping.Parent, Grouping.Jurisdiction })
        {
            var scope = new ValueScope("14", 0, "", []);
            var whole = await Store.AggregateAsync(scope, grouping, GroupPage.All, CancellationToken.None);
            foreach (var size in new[] { 1, 2 })
            {
                foreach (var values in new[] { false, true })
                {
                    var sums = new List<AggregateSums>();
                    var counts = new List<GroupCount>();
                    var page = new GroupPage(null, size);
                    for (var walked = 1; ; walked++)
                    {
                        Assert.InRange(walked, 1, 10);
                        var (pageSums, pageCounts) = values
                            ? await Store.AggregateValuesAsync(scope, grouping, page, CancellationToken.None)
                            : await Store.AggregateAsync(scope, grouping, page, CancellationToken.None);
                        Assert.InRange(pageCounts.Count, 0, size);
                        Assert.All(pageSums, s => Assert.Contains(pageCounts, c => c.GroupKey == s.GroupKey));
                        sums.AddRange(pageSums);
                        counts.AddRange(pageCounts);
                        if (pageCounts.Count < size)
                        {
                            break;
                        }
                        page = page with { After = pageCounts[^1].GroupKey };
                    }
                    Assert.Equal(counts.Select(c => c.GroupKey).Order(StringComparer.Ordinal), counts.Select(c => c.GroupKey));
                    Assert.Equal(Normalise(whole), Normalise((sums, counts)));
                }
            }
        }
    }

    // Two service instances on one database, 8 writers each, all into the same few rollup cells: reports analysed
    // and re-analysed (new revisions) at once. The cells must equal a full recomputation from the values.
    [DatabaseFact]
    public async Task Save_SixteenConcurrentWritersOnTwoInstances_RollupsSameAsFullRecomputation()
    {
        var instances = new[] { Store, new MetricStore(OpenAnother()) };
        string[] counties = ["140225", "140214", "140212"];
        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var store = instances[writer % 2];
            for (var i = 0; i < 12; i++)
            {
                var report = $"w{writer}-r{i % 4}";
                var analysis = Analysis(report, 1 + i / 4, counties[(writer + i) % counties.Length], 2025);
                var values = new[] { Value(analysis, 0, "legal_aid.cases", writer * 100 + i), Value(analysis, 1, "notarization.count", i) };
                analysis.ValueCount = values.Length;
                await store.SaveAsync(analysis, values, CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(writers);

        foreach (var grouping in new[] { Grouping.None, Grouping.Parent, Grouping.Level })
        {
            var scope = new ValueScope("14", 2025, "", []);
            var expected = Normalise(await Store.AggregateValuesAsync(scope, grouping, GroupPage.All, CancellationToken.None));
            Assert.Equal(expected, Normalise(await Store.AggregateAsync(scope, grouping, GroupPage.All, CancellationToken.None)));
        }
        var all = await Store.AggregateValuesAsync(new ValueScope("14", 2025, "", []), Grouping.None, GroupPage.All, CancellationToken.None);
        Assert.Equal(16 * 4, all.Counts.Single().Reports);
    }

    private static string Normalise((IReadOnlyList<AggregateSums> Sums, IReadOnlyList<GroupCount> Counts) result) =>
        string.Join(";",
            result.Sums.Select(s => $"{s.GroupKey}|{s.Indicator}|{s.Total}|{s.Smallest}|{s.Largest}|{s.Stating}").Order(StringComparer.Ordinal)) + "#" +
        string.Join(";", result.Counts.Select(c => $"{c.GroupKey}|{c.Reports}").Order(StringComparer.Ordinal));

    [DatabaseFact]
    public async Task ExportPage_Keyset_EveryRowOnceAcrossPages()
    {
        for (var i = 0; i < 7; i++)
        {
            await SaveAsync(Analysis($"r{i}", 1, "140225", 2025), ("legal_aid.cases", i, true), ("notarization.count", i, true),
                ("notarization.count", i + 1, false));
        }
        var scope = new ValueScope("14", 2025, "", []);
        var seen = new List<(string, int)>();
        var after = ("", 0, -1);
        while (true)
        {
            var page = await Store.ExportPageAsync(scope, after, 4, CancellationToken.None);
            seen.AddRange(page.Select(v => (v.ReportId, v.Ordinal)));
            if (page.Count < 4)
            {
                break;
            }
            after = (page[^1].ReportId, page[^1].Revision, page[^1].Ordinal);
        }

        Assert.Equal(21, seen.Count);
        Assert.Equal(21, seen.Distinct().Count());
    }

    [DatabaseFact]
    public async Task Stale_OtherCatalogVersion_CurrentRevisionsFirst()
    {
        await SaveAsync(Analysis("a", 1, "140225", 2025, "v1"));
        await SaveAsync(Analysis("a", 2, "140225", 2025, "v1"));
        await SaveAsync(Analysis("b", 1, "140214", 2025, "v2"));

        var stale = await Store.StaleAsync("v2", 10, CancellationToken.None);

        Assert.Equal([("a", 2), ("a", 1)], stale.Select(s => (s.ReportId, s.Revision)));
    }

    [DatabaseFact]
    public async Task Years_OneJurisdiction_CurrentUsedValuesInYearOrder()
    {
        await SaveAsync(Analysis("a", 1, "140225", 2025), ("legal_aid.cases", 112, true), ("legal_aid.cases", 7, false));
        await SaveAsync(Analysis("e", 1, "140225", 2024), ("legal_aid.cases", 90, true));
        await SaveAsync(Analysis("x", 1, "140214", 2024), ("legal_aid.cases", 1, true));

        var (years, values) = await Store.YearsAsync("140225", 0, 0, CancellationToken.None);

        Assert.Equal([2024, 2025], years);
        Assert.Equal([(2024, 90d), (2025, 112d)], values.Select(v => (v.ReportYear, v.Value)));
    }
}

public sealed class SqliteMetricStoreTests : MetricStoreSuite<SqliteDatabase>;

/// <summary>Runs against the SQL Server that OVERSIGHT_TEST_SQLSERVER points at, in a database of its own per test.</summary>
[RequiresEnvironment(SqlServerTestDatabase.Variable)]
public sealed class SqlServerMetricStoreTests : MetricStoreSuite<SqlServerDatabase>;

/// <summary>Runs against the PostgreSQL server that OVERSIGHT_TEST_POSTGRES points at (tests/run.sh starts one), in a database of its own per test.</summary>
[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresMetricStoreTests : MetricStoreSuite<PostgresDatabase>;
