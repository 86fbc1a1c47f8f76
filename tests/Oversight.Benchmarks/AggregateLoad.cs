using System.Diagnostics;
using System.Globalization;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Metrics.V1;
using Oversight.Metrics.Storage;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Storage;
using Oversight.Storage.Bulk;
using Oversight.Storage.Migrations;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// N reports' values (the seeds' extracted values, spread over every county and township and over years) written
/// into a metrics SQLite file (or PostgreSQL database with --postgres), then QueryAggregates over gRPC against the real metrics host on that file.
/// Prints each query's median and slowest time over repeated runs.
/// </summary>
internal static class AggregateLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var storage = BenchmarkStorage.From(ref args, TempFolder.Create("oversight-aggregate-load-"));
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var generated = Stopwatch.StartNew();
        var values = await GenerateAsync(storage, count);
        Console.WriteLine(
            $"aggregate queries over {count:N0} reports ({values:N0} values) in {storage.Name}; data generated in {generated.Elapsed.TotalSeconds:F1} s");

        await using var host = await ServiceHosts.StartAsync(Oversight.Metrics.Extensions.Section, b => Oversight.Metrics.Extensions.AddMetrics(b),
            a => Oversight.Metrics.Extensions.MapMetrics(a), storage.DataDirectory, storage.Settings());
        // The by-parent query of every indicator in rows answers ~100,000 rows in one message, over the 4 MB client
        // default; the other queries run on a client with the defaults.
        using var channel = GrpcChannel.ForAddress(host.Address);
        using var raisedChannel = GrpcChannel.ForAddress(host.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var client = new MetricsService.MetricsServiceClient(channel);
        var raisedClient = new MetricsService.MetricsServiceClient(raisedChannel);
        var queries = new (string Name, QueryAggregatesRequest Request)[]
        {
            ("all reports, every indicator, one row each", new QueryAggregatesRequest()),
            ("all reports, every indicator, by year", new QueryAggregatesRequest { GroupBy = AggregateGrouping.Year }),
            ("2025, every indicator, by parent, in rows (64 MB client)", new QueryAggregatesRequest { ReportYear = 2025, GroupBy = AggregateGrouping.Parent }),
            ("2025, every indicator, by parent, in groups", new QueryAggregatesRequest { ReportYear = 2025, GroupBy = AggregateGrouping.Parent,
                Layout = AggregateLayout.Groups }),
            ("2025, by jurisdiction, in groups, page of 500", new QueryAggregatesRequest { ReportYear = 2025, GroupBy = AggregateGrouping.Jurisdiction,
                Layout = AggregateLayout.Groups, PageSize = 500 }),
            ("2025, prefix 14, one indicator, by jurisdiction", new QueryAggregatesRequest { ReportYear = 2025, JurisdictionPrefix = "14",
                GroupBy = AggregateGrouping.Jurisdiction, Indicators = { "admin_reconsideration.received" } }),
            ("all years, county level, 3 indicators, by level", new QueryAggregatesRequest { Level = "county", GroupBy = AggregateGrouping.Level,
                Indicators = { "legal_aid.cases", "mediation.disputes_resolved", "enforcement.inspections" } }),
        };
        foreach (var (name, request) in queries)
        {
            var times = new List<double>();
            var cells = 0;
            var bytes = 0;
            for (var run = 0; run < 12; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                var response = await (request.GroupBy == AggregateGrouping.Parent
                    && request.Layout == AggregateLayout.Rows ? raisedClient : client).QueryAggregatesAsync(request, CallDeadline.In(TimeSpan.FromMinutes(1)));
                stopwatch.Stop();
                cells = response.Rows.Count + response.Groups.Count * response.Indicators.Count;
                bytes = response.CalculateSize();
                if (run >= 2)
                {
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }
            times.Sort();
            Console.WriteLine(
                $"  {name,-58} {cells,7:N0} cells {bytes / 1024.0 / 1024.0,5:F1} MB  median {times[times.Count / 2],7:F1} ms  slowest {times[^1],7:F1} ms " +
                "(target < 200 ms)");
        }
        await host.DisposeAsync();
        return 0;
    }

    // Straight into the store's tables in large transactions, then the rollups rebuilt once: generating is not what is measured.
    private static async Task<long> GenerateAsync(BenchmarkStorage storage, int count)
    {
        var database = StorageFactory.Create(storage.For(Oversight.Metrics.Extensions.Section, "metrics.db"), TimeProvider.System);
        await MigrationRunner.ApplyAsync(database, typeof(MetricStore).Assembly, CancellationToken.None);
        var reader = new ReportReader(TestDivisions.Registry);
        var templates = SampleReports.All
            .Select(s => MetricExtractor.Default.Extract(reader.Read(new ReportInput(SampleReports.Bytes(s), "text/plain")).Reading!))
            .ToArray();
        var codes = ShippedDivisions.Divisions.Where(d => d.Level is "county" or "township").Select(d => d.Code).ToArray();
        long values = 0;
        const int Batch = 5_000;
        for (var start = 0; start < count; start += Batch)
        {
            var analyses = new List<AnalysisRow>();
            var rows = new List<ValueRow>();
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var code = codes[i % codes.Length];
                var analysis = new AnalysisRow
                {
                    ReportId = $"r{i:D7}", Revision = 1, IsCurrent = true, JurisdictionCode = code, ParentCode = ScopeRules.ParentOf(code),
                    Level = JurisdictionLevels.FromCode(code)!, ReportYear = 2025 - i / codes.Length, CatalogVersion = MetricExtractor.Default.Catalog.Version,
                    AnalyzedAt = DateTimeOffset.UtcNow,
                };
                var template = templates[i % templates.Length];
                analysis.ValueCount = template.Count;
                analyses.Add(analysis);
                rows.AddRange(template.Select((v, ordinal) => new ValueRow
                {
                    ReportId = analysis.ReportId, Revision = 1, Ordinal = ordinal, Indicator = v.Indicator, Value = v.Value + i % 17, ValueUpper = v.Upper,
                    Unit = v.Unit, Qualifier = v.Qualifier, RawText = v.RawText, SectionPath = v.Evidence.SectionPath, SpanStart = v.Evidence.Span.Start,
                    SpanLength = v.Evidence.Span.Length, Excerpt = v.Evidence.Excerpt, UsedInAggregate = v.UsedInAggregate, IsCurrent = true,
                    JurisdictionCode = code, ParentCode = analysis.ParentCode, Level = analysis.Level, ReportYear = analysis.ReportYear,
                }));
            }
            values += rows.Count;
            await database.InTransactionAsync(async (connection, transaction, token) =>
            {
                await connection.InsertAsync(database.Dialect, transaction, MetricStore.AnalysisTable(analyses), token);
                await connection.InsertAsync(database.Dialect, transaction, MetricStore.ValueTable(rows), token);
                return 0;
            }, CancellationToken.None);
        }
        await new MetricStore(database).RebuildRollupsAsync(CancellationToken.None);
        await storage.SettleAsync(Oversight.Metrics.Extensions.Section, "metrics.db");
        return values;
    }
}
