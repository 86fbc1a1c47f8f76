using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Platform;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// The same reads over gRPC (HTTP/2, protobuf) and over HTTP/JSON (HTTP/1.1, transcoded) against the quick-start platform
/// running in this process on loopback, with the administrator's key: one report (GetReport), a page of reports
/// (ListReports) and a page of findings (ListFindings). One load generator (h2load) for both, the same number of calls in
/// flight: gRPC multiplexes them over a few connections, HTTP/1.1 needs a connection per call in flight. Each answer is
/// checked with a real client first; h2load's log gives p50/p99; allocations are this process's (the three hosts) over the
/// measured run, divided by the calls made.
/// </summary>
internal static partial class JsonLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IntOption(args, "--seconds", 10);
        var inFlight = IntOption(args, "--concurrency", 64);
        var grpcConnections = IntOption(args, "--connections", 4);
        using var workFolder = TempFolder.Create("oversight-json-load-");
        using var dataFolder = TempFolder.Create("oversight-json-load-data-");
        var work = workFolder.Path;
        var data = dataFolder.Path;
        await using var platform = await PlatformHost.StartAsync(
        [
            "--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", "--Console:Enabled=false",
            $"--Platform:DataDirectory={data}", $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
            // One key makes every call: the per-key limit (200 a second) would measure the limiter, not the transports.
            "--Access:CallsPerSecond=0", "--Logging:LogLevel:Oversight=Warning",
            // The calls h2load leaves in flight when its time is up are cancelled, which grpc-dotnet logs as errors, with their stacks.
            "--Logging:LogLevel:Grpc=Critical",
        ]);
        var key = (await File.ReadAllTextAsync(platform.AdminKeyFile)).Trim();
        var authorization = "authorization: Bearer " + key;
        var grpc = platform.Addresses;
        var http = platform.HttpAddresses;

        using var channel = ServiceChannel.For(grpc["ingestion"], () => key);
        var reportId = (await new IngestionService.IngestionServiceClient(channel).ListReportsAsync(new ListReportsRequest { PageSize = 1 }))
            .Reports.Single().ReportId;
        var calls = new Call[]
        {
            new("GetReport", "ingestion", "/oversight.ingestion.v1.IngestionService/GetReport", new GetReportRequest { ReportId = reportId },
                $"/v1/reports/{reportId}", "reportId"),
            new("ListReports (5)", "ingestion", "/oversight.ingestion.v1.IngestionService/ListReports", new ListReportsRequest { PageSize = 5 },
                "/v1/reports?page_size=5", "reports"),
            new("ListFindings (20)", "compliance", "/oversight.compliance.v1.ComplianceService/ListFindings", new ListFindingsRequest { PageSize = 20 },
                "/v1/findings?page_size=20", "findings"),
        };
        await VerifyAsync(platform, key, calls);

        Console.WriteLine($"h2load, {inFlight} calls in flight: gRPC {grpcConnections} HTTP/2 connections x {inFlight / grpcConnections} streams; "
            + $"JSON {inFlight} HTTP/1.1 connections x 1. {seconds} s each after a 3 s warm-up; {Environment.ProcessorCount} cores shared by load and hosts; "
            + $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var rates = new Dictionary<string, double>();
        foreach (var call in calls)
        {
            var body = Path.Combine(work, call.Name.Split(' ')[0] + ".bin");
            await File.WriteAllBytesAsync(body, GrpcFrames.Frame(call.Request));
            var grpcRun = new Run($"{call.Name} gRPC", ["-c", Text(grpcConnections), "-m", Text(inFlight / grpcConnections), "-d", body,
                "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", authorization,
                $"{grpc[call.Host].ToString().TrimEnd('/')}{call.GrpcPath}"]);
            var jsonRun = new Run($"{call.Name} JSON", ["--h1", "-c", Text(inFlight), "-m", "1", "-H", authorization, "-H", "accept: application/json",
                $"{http[call.Host].ToString().TrimEnd('/')}{call.JsonPath}"]);
            foreach (var run in new[] { grpcRun, jsonRun })
            {
                await H2LoadAsync(run.Arguments, 3, work);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var result = await H2LoadAsync(run.Arguments, seconds, work);
                var perCall = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Math.Max(1, result.Succeeded + result.Failed);
                rates[run.Name] = result.CallsPerSecond;
                Console.WriteLine($"  {run.Name,-24} {result.CallsPerSecond,9:N0} calls/s   p50 {result.P50Ms,6:F2} ms   p99 {result.P99Ms,6:F2} ms   "
                    + $"{perCall,8:N0} B/call   ({result.Succeeded:N0} ok, {result.Failed:N0} failed)");
                if (result.Failed > 0)
                {
                    throw new InvalidOperationException($"{result.Failed} calls of {run.Name} failed");
                }
            }
            Console.WriteLine($"  {call.Name}: JSON / gRPC = {rates[$"{call.Name} JSON"] / rates[$"{call.Name} gRPC"]:P0} (target >= 50%)");
        }
        return 0;
    }

    // Both transports answer the call with the same thing before either is measured: h2load checks only the HTTP status.
    private static async Task VerifyAsync(PlatformHost platform, string key, IEnumerable<Call> calls)
    {
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var call in calls)
        {
            using var channel = ServiceChannel.For(platform.Addresses[call.Host], () => key);
            var method = new Grpc.Core.Method<IMessage, byte[]>(Grpc.Core.MethodType.Unary, call.GrpcPath.Split('/')[1], call.GrpcPath.Split('/')[2],
                Grpc.Core.Marshallers.Create<IMessage>(m => m.ToByteArray(), _ => throw new NotSupportedException()),
                Grpc.Core.Marshallers.Create(b => b, b => b));
            var grpcAnswer = await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new Grpc.Core.CallOptions(), call.Request);
            var json = JsonNode.Parse(await client.GetStringAsync(new Uri(platform.HttpAddresses[call.Host], call.JsonPath)))!;
            var node = json[call.JsonField];
            if (grpcAnswer.Length == 0 || node is null || node is JsonArray { Count: 0 })
            {
                var shown = json.ToJsonString();
                throw new InvalidOperationException($"{call.Name}: gRPC answered {grpcAnswer.Length} bytes, JSON {shown[..Math.Min(200, shown.Length)]}");
            }
        }
    }

    private static async Task<TransportLoad.Result> H2LoadAsync(string[] arguments, int seconds, string work)
    {
        var log = Path.Combine(work, "h2load.log");
        var (exit, output, error) = await PeerProcess.RunAsync("h2load", ["-D", Text(seconds), "--log-file", log, .. arguments],
            TimeSpan.FromSeconds(seconds + 60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"h2load failed ({exit}): {output} {error}");
        }
        var succeeded = long.Parse(SucceededRegex().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = long.Parse(FailedRegex().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var rows = File.ReadLines(log).Select(line => line.Split('\t')).Where(parts => parts.Length >= 3).ToList();
        // Anything but 200 (a refusal, a limit) counts as failed: h2load's "succeeded" means only that an answer came.
        var refused = rows.Count(parts => parts[1] != "200");
        var latencies = rows.Select(parts => double.Parse(parts[2], CultureInfo.InvariantCulture) / 1000.0).Order().ToArray();
        return new TransportLoad.Result(succeeded / (double)seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), succeeded - refused,
            failed + refused);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"(\d+) succeeded")]
    private static partial Regex SucceededRegex();

    [GeneratedRegex(@"(\d+) failed")]
    private static partial Regex FailedRegex();

    private sealed record Call(string Name, string Host, string GrpcPath, IMessage Request, string JsonPath, string JsonField);

    private sealed record Run(string Name, string[] Arguments);
}
