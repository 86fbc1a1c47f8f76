using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// The web console's overview of a province holding N reports (default 100,000 in 四川, code 51: its 3,294 counties and
/// townships, one report per body and year as the model allows, years from 2000 on), in real ingestion and compliance
/// hosts on SQLite or PostgreSQL with the shipped registry; a sweep checks the year shown, so its findings
/// of the year shown are there. Then the console, on its own, signed in, asked for the province's overview of a full year over HTTP:
/// prints the first answer and the p50/p95/max of 20 more, with the numbers the page shows, then each service call the
/// overview makes, timed alone, and the machine's load average (on a shared machine the figures move with it). Only the
/// year shown is swept: the other years' findings lie outside the findings index range the overview reads.
/// </summary>
internal static partial class ConsoleLoad
{
    private const string Province = "51";
    private const int Year = 2025;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var storage = BenchmarkStorage.From(ref args, TempFolder.Create("oversight-console-load-"));
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var directory = storage.DataDirectory;
        await using var ingestion = await ServiceHosts.StartAsync(Ingestion.Extensions.Section, b => Ingestion.Extensions.AddIngestion(b),
            a => Ingestion.Extensions.MapIngestion(a), directory, storage.Settings());
        var settings = storage.Settings();
        settings["Compliance:Ingestion"] = ingestion.Address.ToString();
        await using var compliance = await ServiceHosts.StartAsync(Compliance.Extensions.Section, b => Compliance.Extensions.AddCompliance(b),
            a => Compliance.Extensions.MapCompliance(a), directory, settings);

        using var ingestionChannel = GrpcChannel.ForAddress(ingestion.Address);
        using var complianceChannel = GrpcChannel.ForAddress(compliance.Address);
        var codes = ShippedDivisions.Divisions.Where(d => d.Level is "county" or "township" && d.Code.StartsWith(Province, StringComparison.Ordinal))
            .Select(d => d.Code).ToArray();
        var years = (count + codes.Length - 1) / codes.Length;
        var ingest = Stopwatch.StartNew();
        var (accepted, rejected) = await SubmitAsync(new IngestionService.IngestionServiceClient(ingestionChannel), codes, count);
        Console.WriteLine($"ingested {accepted:N0} reports of {Province} ({codes.Length:N0} bodies × {years} years from 2000; {rejected:N0} rejected) "
            + $"in {ingest.Elapsed.TotalSeconds:F1} s on {storage.Name}");
        await storage.SettleAsync(Ingestion.Extensions.Section, "ingestion.db");

        var client = new ComplianceService.ComplianceServiceClient(complianceChannel);
        var swept = Stopwatch.StartNew();
        using (var call = client.RunSweep(new RunSweepRequest
        {
            ReportYear = Year, ScopePrefix = Province, AsOf = new Date { Year = Year + 1, Month = 4, Day = 2 }, Trigger = "benchmark",
        }, CallDeadline.In(TimeSpan.FromMinutes(30))))
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        }
        Console.WriteLine($"checked the {Year} reports and flagged the bodies without one (a sweep) in {swept.Elapsed.TotalSeconds:F1} s");
        await storage.SettleAsync(Compliance.Extensions.Section, "compliance.db");

        await using var console = await ServiceHosts.StartAsync(WebConsole.Extensions.Section, b => WebConsole.Extensions.AddOfficeConsole(b),
            a => WebConsole.Extensions.MapOfficeConsole(a), directory, new Dictionary<string, string?>
            {
                ["Console:Ingestion"] = ingestion.Address.ToString(),
                ["Console:Metrics"] = ingestion.Address.ToString(),
                ["Console:Compliance"] = compliance.Address.ToString(),
            });
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = console.Address };
        await SignInAsync(http);
        var year2025 = $"/overview?scope={Province}&year={Year}";
        var first = Stopwatch.StartNew();
        var page = await http.GetStringAsync(new Uri(year2025, UriKind.Relative));
        Console.WriteLine($"overview of {Province} for 2025, first answer: {first.Elapsed.TotalMilliseconds:F0} ms; the page shows {Figures(page)}");
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var one = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(year2025, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            times.Add(one.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"load average while timing: {File.ReadAllText("/proc/loadavg").Trim()} (this machine has {Environment.ProcessorCount} cores)");
        Console.WriteLine($"overview of {Province} for 2025 ({accepted:N0} reports in the province), 20 answers: p50 {times[10]:F0} ms, p95 {times[18]:F0} ms, "
            + $"max {times[^1]:F0} ms (target < 1,000 ms)");
        await TimeCallsAsync(new IngestionService.IngestionServiceClient(ingestionChannel), client);
        return 0;
    }

    // Each call the overview makes, alone (the overview makes them at once), the median of five; and StreamReports, which
    // the overview read the year's reports with before CountReports (it walks every year's rows).
    private static async Task TimeCallsAsync(IngestionService.IngestionServiceClient ingestion, ComplianceService.ComplianceServiceClient compliance)
    {
        async Task Time(string name, Func<Task<int>> call)
        {
            var times = new List<double>();
            var items = 0;
            for (var i = 0; i < 5; i++)
            {
                var one = Stopwatch.StartNew();
                items = await call();
                times.Add(one.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {name,-52} {items,7:N0} items, median {times[2],6:F0} ms");
        }
        await Time("StreamReports keys_only (year, province)", async () =>
        {
            using var call = ingestion.StreamReports(new StreamReportsRequest
            {
                Filter = new ReportFilter { JurisdictionPrefix = Province, ReportYear = Year }, KeysOnly = true,
            });
            var n = 0;
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
                n++;
            }
            return n;
        });
        await Time("CountReports (year, province, per city)", async () =>
            (await ingestion.CountReportsAsync(new CountReportsRequest { JurisdictionPrefix = Province, ReportYear = Year, GroupLength = 4 })).Counts.Count);
        await Time("SummarizeFindings (year, province)", async () =>
            (await compliance.SummarizeFindingsAsync(new SummarizeFindingsRequest { JurisdictionPrefix = Province, ReportYear = Year })).ByJurisdiction.Count);
        await Time("ListRegistry must_report, pages of 500", async () =>
        {
            var request = new ListRegistryRequest { CodePrefix = Province, MustReportOnly = true, PageSize = 500 };
            var n = 0;
            do
            {
                var page = await compliance.ListRegistryAsync(request);
                n += page.Bodies.Count;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);
            return n;
        });
        await Time("ListFindings NOT_DISCLOSED, pages of 500", async () =>
        {
            var request = new ListFindingsRequest { JurisdictionPrefix = Province, ReportYear = Year, Code = "NOT_DISCLOSED", Status = "open", PageSize = 500 };
            var n = 0;
            do
            {
                var page = await compliance.ListFindingsAsync(request);
                n += page.Findings.Count;
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);
            return n;
        });
    }

    // The seeds made unique, one per body and year: years from 2000, the bodies of the province in turn.
    private static async Task<(int Accepted, int Rejected)> SubmitAsync(IngestionService.IngestionServiceClient client, string[] codes, int count)
    {
        var seeds = SampleReports.All.Select(SampleReports.Text).ToArray();
        using var call = client.IngestReports();
        var reading = Task.Run(async () =>
        {
            var (accepted, rejected) = (0, 0);
            await foreach (var result in call.ResponseStream.ReadAllAsync())
            {
                _ = result.ResultCase == IngestResult.ResultOneofCase.Accepted ? accepted++ : rejected++;
            }
            return (accepted, rejected);
        });
        for (var i = 0; i < count; i++)
        {
            await call.RequestStream.WriteAsync(new SubmitReportRequest
            {
                Content = ByteString.CopyFromUtf8(seeds[i % seeds.Length] + $"\n附:第{i}份。"),
                ContentType = "text/plain",
                JurisdictionCode = codes[i % codes.Length],
                ReportYear = 2000 + i / codes.Length,
                ClientReference = i.ToString(CultureInfo.InvariantCulture),
            });
        }
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    // The hosts run with open access: any key signs in, as the whole country's administrator.
    private static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = TokenField().Match(form).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__af"] = WebUtility.HtmlDecode(token), ["key"] = "ovk_benchmark_open" };
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri("/signin", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private static string Figures(string page) => string.Join(", ", CardValue().Matches(page).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}"));

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("id=\"card-([a-z-]+)\"><dt>[^<]*</dt><dd>(?:<a[^>]*>)?([0-9,—]+)")]
    private static partial Regex CardValue();
}
