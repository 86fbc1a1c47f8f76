using System.Diagnostics;
using System.Globalization;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;
using Oversight.Contracts.Ingestion.V1;

namespace Oversight.Benchmarks;

/// <summary>
/// N reports (the seeds under every county and township, years from 2023 on; one report per body and year is all
/// the model allows, so 100,000 reports span three years) in real ingestion and compliance hosts with the full
/// shipped registry, then the sweeps over them: cold (no report checked yet), warm (all checked, packs unchanged)
/// and after a rule pack change (every report re-checked from what was stored). Prints each sweep's time.
/// </summary>
internal static class SweepLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var storage = BenchmarkStorage.From(ref args, TempFolder.Create("oversight-sweep-load-"));
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var directory = storage.DataDirectory;
        await using var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            a => Oversight.Ingestion.Extensions.MapIngestion(a), directory, storage.Settings());
        var started = Stopwatch.StartNew();
        var settings = storage.Settings();
        settings["Compliance:Ingestion"] = ingestion.Address.ToString();
        await using var compliance = await ServiceHosts.StartAsync(Oversight.Compliance.Extensions.Section,
            b => Oversight.Compliance.Extensions.AddCompliance(b), a => Oversight.Compliance.Extensions.MapCompliance(a), directory, settings);
        Console.WriteLine($"compliance host up on {storage.Name} with the shipped registry seeded in {started.Elapsed.TotalSeconds:F1} s");

        using var ingestionChannel = GrpcChannel.ForAddress(ingestion.Address);
        using var complianceChannel = GrpcChannel.ForAddress(compliance.Address);
        var client = new ComplianceService.ComplianceServiceClient(complianceChannel);
        var seeds = SampleReports.All.Select(SampleReports.Text).ToArray();
        var codes = ShippedDivisions.Divisions.Where(d => d.Level is "county" or "township").Select(d => d.Code).ToArray();
        var ingest = Stopwatch.StartNew();
        var (accepted, rejected) = await IngestLoad.StreamAsync(new IngestionService.IngestionServiceClient(ingestionChannel), seeds, codes, 0, count,
            firstYear: 2023);
        Console.WriteLine($"ingested {accepted:N0} reports ({rejected:N0} rejected) in {ingest.Elapsed.TotalSeconds:F1} s");
        var settle = Stopwatch.StartNew();
        await storage.SettleAsync(Oversight.Ingestion.Extensions.Section, "ingestion.db");
        Console.WriteLine($"ingestion's database settled (analysed; on a server vacuumed, as autovacuum leaves it) in {settle.Elapsed.TotalSeconds:F1} s");
        var years = Enumerable.Range(0, (count + codes.Length - 1) / codes.Length).Select(i => 2023 + i).ToList();

        foreach (var phase in new[]
        {
            "cold (first check of every report)", "warm (checked, packs unchanged)", "after a rule pack change (re-checked from stored inputs)",
        })
        {
            if (phase.StartsWith("after", StringComparison.Ordinal))
            {
                await client.UpsertRulePackAsync(new UpsertRulePackRequest
                {
                    Yaml = "packId: china-highlights\nname: 亮点\nscopePrefix: \"1\"\nsections:\n  - kind: highlights\n    missingSeverity: info\n",
                });
            }
            var total = Stopwatch.StartNew();
            long reports = 0;
            foreach (var year in years)
            {
                var sweep = Stopwatch.StartNew();
                using var call = client.RunSweep(
                    new RunSweepRequest { ReportYear = year, AsOf = new Date { Year = year + 1, Month = 4, Day = 2 }, Trigger = "benchmark" },
                    CallDeadline.In(TimeSpan.FromMinutes(30)));
                Sweep? done = null;
                await foreach (var item in call.ResponseStream.ReadAllAsync())
                {
                    done = item.Completed ?? done;
                }
                reports += done!.Summary.ReportsChecked;
                var findings = done.Summary.ByCode.Sum(c => c.Count);
                Console.WriteLine(
                    $"  {phase,-58} {year}: {done.Summary.ReportsChecked,7:N0} reports, {done.Summary.BodiesExpected:N0} bodies expected, " +
                    $"{done.Summary.BodiesWithoutReport,6:N0} without report, {findings,7:N0} open findings in {sweep.Elapsed.TotalSeconds,5:F1} s");
            }
            var target = phase.StartsWith("cold", StringComparison.Ordinal) ? " (target < 60 s)"
                : phase.StartsWith("warm", StringComparison.Ordinal) ? " (target < 5 s)"
                : "";
            Console.WriteLine($"  {phase,-58} all: {reports:N0} reports in {total.Elapsed.TotalSeconds:F1} s{target}");
        }
        await compliance.DisposeAsync();
        await ingestion.DisposeAsync();
        return 0;
    }
}
