using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.PortalSimulator;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// The watcher at scale: BODIES counties' portal columns (default 2,000) on HOSTS simulated hosts (default 500, one
/// loopback port each, which the watcher counts as a host of its own: its per-host accounting is by scheme, name and
/// port), ingestion with its outbox to compliance, all in this process on SQLite. One pass: time, requests, peak memory
/// and each host's observed rate against the configured one. Then, with passes scheduled every --interval, reports
/// published on the simulator one at a time: the time from each appearing to its findings stored in compliance.
/// </summary>
internal static class WatchLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(ref args);
        var bodies = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var hostCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var rate = double.Parse(options.GetValueOrDefault("--rate", "2"), CultureInfo.InvariantCulture);
        var parallel = options.GetValueOrDefault("--parallel", "64");
        var interval = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--interval", "60"), CultureInfo.InvariantCulture));
        var publications = int.Parse(options.GetValueOrDefault("--publications", "3"), CultureInfo.InvariantCulture);
        using var data = TempFolder.Create("oversight-watch-load-");

        // Every fourth body has no report; per host a TRS, a gkmlpt and Hanweb columns (distinct paths on one host).
        var counties = ShippedDivisions.Divisions.Where(d => d.Level == "county").Take(bodies + publications).ToList();
        var plans = counties.Take(bodies).Select((d, i) => new PortalPlan(new SimulatedBody(d.Code, d.Name), LayoutOn(i, hostCount),
            i % 2 == 0 ? "utf-8" : "gbk", i % 4 == 3 ? [] : [new PlannedReport(2025, "rule_of_law", new DateOnly(2026, 3, 20))], OtherArticles: 6)).ToList();
        await using var simulator = await PortalSimulator.PortalSimulator.StartAsync(hostCount);
        var portals = plans.Select((plan, i) => SimulatedPortals.Publish(simulator.Hosts[i % hostCount], plan, i)).ToList();
        Console.WriteLine($"simulator: {bodies:N0} bodies' columns on {hostCount:N0} hosts (127.0.0.1, one port each), "
            + $"{plans.Count(p => p.Reports.Count > 0):N0} with a 2025 report");

        var compliancePort = FreePorts.Next();
        await using var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            a => Oversight.Ingestion.Extensions.MapIngestion(a), data.Path,
            new Dictionary<string, string?> { ["Ingestion:Outbox:Compliance"] = $"http://127.0.0.1:{compliancePort}" });
        await using var compliance = await ServiceHosts.StartAsync(Oversight.Compliance.Extensions.Section,
            b => Oversight.Compliance.Extensions.AddCompliance(b), a => Oversight.Compliance.Extensions.MapCompliance(a), data.Path,
            new Dictionary<string, string?>
            {
                ["Compliance:Ingestion"] = ingestion.Address.ToString(),
                ["Compliance:SeedRegistry"] = "false",
                ["Compliance:Endpoint:Port"] = compliancePort.ToString(CultureInfo.InvariantCulture),
            });
        await using var watching = await ServiceHosts.StartAsync(Oversight.Watching.Extensions.Section, b => Oversight.Watching.Extensions.AddWatching(b),
            a => Oversight.Watching.Extensions.MapWatching(a), data.Path, new Dictionary<string, string?>
            {
                ["Watching:Ingestion"] = ingestion.Address.ToString(),
                ["Watching:Compliance"] = compliance.Address.ToString(),
                ["Watching:Years:0"] = "2025",
                ["Watching:RequestsPerSecondPerHost"] = rate.ToString(CultureInfo.InvariantCulture),
                ["Watching:HostsInParallel"] = parallel,
                ["Watching:Enabled"] = "true",
                ["Watching:Interval"] = interval.ToString("c", CultureInfo.InvariantCulture),
                ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            });
        using var complianceChannel = GrpcChannel.ForAddress(compliance.Address);
        using var watchingChannel = GrpcChannel.ForAddress(watching.Address);
        var findings = new ComplianceService.ComplianceServiceClient(complianceChannel);
        var watcher = new WatchingService.WatchingServiceClient(watchingChannel);
        await ImportAsync(findings, counties, portals);
        Console.WriteLine($"registry: {portals.Count:N0} bodies with their columns; rate {rate}/s per host, {parallel} hosts in parallel, "
            + $"passes scheduled every {interval.TotalSeconds:F0} s");

        // One pass by hand, at once (the first scheduled one comes an interval after start).
        using (var memory = new MemorySampler())
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            var pass = await watcher.RunWatchAsync(new RunWatchRequest(), CallDeadline.In(TimeSpan.FromHours(1)));
            clock.Stop();
            var requests = simulator.Hosts.Sum(h => h.Requests.Count);
            Console.WriteLine($"pass: {pass.Status} in {clock.Elapsed.TotalSeconds:F1} s; {requests:N0} requests "
                + $"({requests / clock.Elapsed.TotalSeconds:F0}/s), columns {pass.Columns:N0}, list pages {pass.ListPages:N0}, fetched {pass.Fetched:N0}, "
                + $"not modified {pass.NotModified:N0}, reports found {pass.ReportsFound:N0}, submitted {pass.Submitted:N0}, rejected {pass.Rejected:N0}, "
                + $"disallowed {pass.Disallowed:N0}, failed {pass.Failed:N0}, hosts skipped {pass.HostsSkipped:N0}");
            Console.WriteLine($"memory (this process: simulator, ingestion, compliance and watcher): peak working set {memory.PeakWorkingSet / 1e6:F0} MB "
                + $"(process peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB), peak GC heap {memory.PeakHeap / 1e6:F0} MB, "
                + $"allocated during the pass {(GC.GetTotalAllocatedBytes() - allocated) / 1e9:F2} GB, gen2 collections {GC.CollectionCount(2)}");
            PrintRates(simulator.Hosts, rate);
            using var ingestionChannel = GrpcChannel.ForAddress(ingestion.Address);
            var stored = await StoredCodesAsync(new Oversight.Contracts.Ingestion.V1.IngestionService.IngestionServiceClient(ingestionChannel));
            var missed = plans.Where(p => p.Reports.Count > 0 && !stored.Contains(p.Body.Code))
                .Select(p => $"{p.Body.Code} {p.Body.Name} ({p.Layout})").ToList();
            Console.WriteLine($"reports stored by ingestion: {stored.Count:N0}; published but not stored: {missed.Count} {string.Join("; ", missed.Take(10))}");
        }

        // Publication to finding: a report appears on a portal (its article, and its link on the column's first page).
        var latencies = new List<TimeSpan>();
        for (var n = 0; n < publications; n++)
        {
            var body = counties[bodies + n];
            var host = simulator.Hosts[(bodies + n) % hostCount];
            var plan = new PortalPlan(new SimulatedBody(body.Code, body.Name), PortalLayout.Hanweb, "utf-8",
                [new PlannedReport(2025, "rule_of_law", new DateOnly(2026, 3, 20))], OtherArticles: 6);
            // Its column is in the registry, empty, before the report appears on it.
            var empty = SimulatedPortals.Publish(host, plan with { Reports = [] }, 50_000 + n);
            await ImportAsync(findings, [body], [empty]);
            var published = Stopwatch.StartNew();
            SimulatedPortals.Publish(host, plan, 50_000 + n);
            var found = await Eventually.UntilAsync(
                async () => await findings.ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = body.Code, ReportYear = 2025 }),
                l => l.Findings.Count > 0, interval * 3 + TimeSpan.FromMinutes(5), $"findings of {body.Code}");
            latencies.Add(published.Elapsed);
            Console.WriteLine($"publication {n + 1}: {body.Name} ({body.Code}) on {empty.ColumnAddress}: findings stored "
                + $"{published.Elapsed.TotalSeconds:F1} s after it appeared ({string.Join(", ", found.Findings.Select(f => f.Code).Distinct())})");
        }
        if (latencies.Count > 0)
        {
            Console.WriteLine($"publication to finding: max {latencies.Max().TotalSeconds:F1} s, mean {latencies.Average(l => l.TotalSeconds):F1} s; "
                + $"target one poll interval plus one minute = {(interval + TimeSpan.FromMinutes(1)).TotalSeconds:F0} s");
        }
        return 0;
    }

    private static async Task<HashSet<string>> StoredCodesAsync(Oversight.Contracts.Ingestion.V1.IngestionService.IngestionServiceClient client)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var request = new Oversight.Contracts.Ingestion.V1.ListReportsRequest { PageSize = 500 };
        do
        {
            var page = await client.ListReportsAsync(request);
            codes.UnionWith(page.Reports.Select(r => r.Metadata.JurisdictionCode));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return codes;
    }

    // Four columns a host at most, of kinds that share no path: TRS and gkmlpt have one column path each, Hanweb one per body.
    private static PortalLayout LayoutOn(int body, int hosts) => (body / hosts) switch
    {
        0 => PortalLayout.Trs,
        1 => PortalLayout.Gkmlpt,
        _ => PortalLayout.Hanweb,
    };

    private static async Task ImportAsync(ComplianceService.ComplianceServiceClient client, IEnumerable<Division> bodies,
        IReadOnlyList<PublishedPortal> portals)
    {
        var csv = new StringBuilder("code,name,level,parent_code,kind,must_report,portal_columns\n");
        foreach (var (body, portal) in bodies.Zip(portals))
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{body.Code},{body.Name},county,{body.ParentCode},government,true,rule_of_law={portal.ColumnAddress.AbsoluteUri}\n");
        }
        using var call = client.ImportRegistry();
        await call.RequestStream.WriteAsync(new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(Encoding.UTF8.GetBytes(csv.ToString())) });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        if (response.Errors.Count > 0)
        {
            throw new InvalidOperationException($"registry refused {response.Errors.Count} rows, first: {response.Errors[0]}");
        }
    }

    // Per host: the highest rate between two consecutive requests (1 / the shortest gap between arrivals) and the average
    // over its busy time, against the configured rate.
    private static void PrintRates(IReadOnlyList<SimulatedHost> hosts, double rate)
    {
        var observed = hosts.Where(h => h.Requests.Count > 1).Select(h =>
        {
            var arrivals = h.Requests.Select(r => r.At).Order().ToList();
            var shortest = arrivals.Zip(arrivals.Skip(1), (a, b) => (b - a).TotalSeconds).Min();
            var busy = (arrivals[^1] - arrivals[0]).TotalSeconds;
            return (Peak: 1 / Math.Max(shortest, 1e-6), Average: (arrivals.Count - 1) / busy, h.PeakInFlight);
        }).ToList();
        var peaks = observed.Select(o => o.Peak).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per-host rate (configured {rate}/s, {observed.Count} hosts): highest observed "
            + $"{peaks[^1]:F3}/s ({peaks[^1] / rate:P1} of configured), median host's highest {peaks[peaks.Count / 2]:F3}/s, lowest host's highest "
            + $"{peaks[0]:F3}/s; average while busy {observed.Average(o => o.Average):F3}/s; hosts over the configured rate "
            + $"{peaks.Count(p => p > rate)}; most requests in flight at one host {observed.Max(o => o.PeakInFlight)}"));
    }

    private static Dictionary<string, string> Options(ref string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        args = [.. rest];
        return options;
    }

    /// <summary>Samples this process's working set and GC heap every 100 ms until disposed, keeping the highest.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peakWorkingSet;
        private long _peakHeap;

        public MemorySampler() => _sampling = Task.Run(SampleAsync);

        public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

        public long PeakHeap => Interlocked.Read(ref _peakHeap);

        private async Task SampleAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                Interlocked.Exchange(ref _peakWorkingSet, Math.Max(_peakWorkingSet, Environment.WorkingSet));
                Interlocked.Exchange(ref _peakHeap, Math.Max(_peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _sampling.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }
    }
}
