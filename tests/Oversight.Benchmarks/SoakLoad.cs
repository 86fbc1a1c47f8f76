using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.Access;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// The platform as a process under three attacks at once, each from its own loopback address, while a normal caller
/// on 127.0.0.1 reads reports: idle connections to every port (127.0.0.2), wrong keys (127.0.0.3) and 7.4 MB
/// submissions of one figure repeated (a city key, 127.0.0.4). Prints the normal caller's latency and errors, what
/// each attack got, and the platform's resident memory, sampled every 100 ms. Bounded in time and in count.
/// </summary>
internal static class SoakLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 60;
        var idle = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 3_000;
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.Next()).ToArray();
        // Declared before the platform, so that it is deleted after the platform has stopped writing into it.
        using var dataFolder = TempFolder.Create("oversight-soak-");
        var data = dataFolder.Path;
        await using var platform = await PeerProcess.StartServerAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll"), $"--Platform:DataDirectory={data}",
             $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
             $"--Ingestion:Endpoint:Port={ports[0]}", $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}",
             .. ServiceHosts.FreeHttpPorts],
            TimeSpan.FromSeconds(120), readyLine: "Oversight platform ready");
        var admin = (await File.ReadAllTextAsync(Path.Combine(data, "admin.key"))).Trim();
        var addresses = ports.Select(p => new Uri($"http://127.0.0.1:{p}")).ToArray();
        var city = (await new AccessService.AccessServiceClient(Channel(addresses[2], IPAddress.Loopback))
            .CreateKeyAsync(new CreateKeyRequest { Name = "soak city", Role = Roles.CityOffice, Scope = "1402" }, Bearer(admin))).Secret;
        var startRss = ProcessMemory.ResidentBytes(platform.ProcessId);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var peak = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessMemory.ResidentBytes(platform.ProcessId));
                await Task.Delay(100, CancellationToken.None);
            }
        });
        // The same idle flood the host tests send, a third of it to each host.
        var floods = new List<ConnectionFlood>();
        foreach (var address in addresses)
        {
            floods.Add(await ConnectionFlood.OpenAsync(address, IPAddress.Parse("127.0.0.2"), idle / addresses.Length));
        }
        var badKeys = Enumerable.Range(0, 4).Select(_ => BadKeysAsync(addresses[0], stop.Token)).ToArray();
        var oversized = Enumerable.Range(0, 2).Select(_ => OversizedAsync(addresses[0], city, stop.Token)).ToArray();
        var normal = await NormalCallerAsync(addresses[0], admin, stop.Token);
        var refusals = (await Task.WhenAll(badKeys)).SelectMany(r => r).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var submissions = (await Task.WhenAll(oversized)).SelectMany(r => r).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        await sampler;
        var endRss = ProcessMemory.ResidentBytes(platform.ProcessId);
        var alive = endRss > 0;
        var closed = 0;
        foreach (var flood in floods)
        {
            closed += await flood.CountClosedAsync(TimeSpan.FromSeconds(2));
            flood.Dispose();
        }

        var sorted = normal.Latencies.Order().ToList();
        Console.WriteLine($"soak {seconds} s, platform pid {platform.ProcessId}");
        Console.WriteLine(
            $"idle connections from 127.0.0.2: {idle / addresses.Length * addresses.Length} opened to 3 ports, {closed} closed by the hosts " +
            "(limit per address and host)");
        Console.WriteLine(
            $"normal caller (127.0.0.1, ListReports + GetReport): {normal.Calls} calls, {normal.Errors} errors " +
            $"({normal.Errors / (double)Math.Max(1, normal.Calls):P2}), " +
            $"p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted.LastOrDefault():F1} ms");
        Console.WriteLine("wrong keys (127.0.0.3): " + string.Join(", ",
            refusals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")));
        Console.WriteLine("7.4 MB submissions (city key, 127.0.0.4): " + string.Join(", ",
            submissions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")));
        Console.WriteLine(
            $"resident memory: start {startRss / 1e6:F0} MB, peak {peak / 1e6:F0} MB, end {endRss / 1e6:F0} MB; platform {(alive ? "alive" : "EXITED")}");
        return !alive || normal.Errors > 0 ? 1 : 0;
    }

    private static async Task<(int Calls, int Errors, List<double> Latencies)> NormalCallerAsync(Uri ingestion, string key, CancellationToken stop)
    {
        var client = new IngestionService.IngestionServiceClient(Channel(ingestion, IPAddress.Loopback));
        var (calls, errors, latencies) = (0, 0, new List<double>());
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var page = await client.ListReportsAsync(new ListReportsRequest { PageSize = 5 }, Bearer(key, 10));
                await client.GetReportAsync(new GetReportRequest { ReportId = page.Reports[0].ReportId }, Bearer(key, 10));
            }
            catch (RpcException ex)
            {
                errors++;
                Console.WriteLine($"normal caller error: {ex.StatusCode} {ServiceError.ReasonOf(ex)}");
            }
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            calls++;
            await Task.Delay(20, CancellationToken.None);
        }
        return (calls, errors, latencies);
    }

    private static async Task<List<string>> BadKeysAsync(Uri ingestion, CancellationToken stop)
    {
        using var channel = Channel(ingestion, IPAddress.Parse("127.0.0.3"));
        var client = new IngestionService.IngestionServiceClient(channel);
        var outcomes = new List<string>();
        while (!stop.IsCancellationRequested && outcomes.Count < 200_000)
        {
            try
            {
                await client.ListReportsAsync(new ListReportsRequest(), Bearer(ApiKeys.Create().Token, 10));
                outcomes.Add("SERVED?!");
            }
            catch (RpcException ex)
            {
                outcomes.Add(ServiceError.ReasonOf(ex) ?? ex.StatusCode.ToString());
            }
        }
        return outcomes;
    }

    private static async Task<List<string>> OversizedAsync(Uri ingestion, string key, CancellationToken stop)
    {
        using var channel = Channel(ingestion, IPAddress.Parse("127.0.0.4"));
        var client = new IngestionService.IngestionServiceClient(channel);
        var outcomes = new List<string>();
        var line = "受理法律援助案件1件,";
        var body = Encoding.UTF8.GetBytes("2025年大同市法治政府建设年度报告\n" + string.Concat(Enumerable.Repeat(line, 7_400_000 / Encoding.UTF8.GetByteCount(line))));
        for (var i = 0; !stop.IsCancellationRequested && i < 1_000; i++)
        {
            // Each copy differs in its first bytes, so none is a duplicate of another.
            var content = ByteString.CopyFrom([.. Encoding.UTF8.GetBytes($"{i} "), .. body]);
            try
            {
                var response = await client.SubmitReportAsync(new SubmitReportRequest { Content = content, JurisdictionCode = "140225" }, Bearer(key, 60));
                outcomes.Add(response.Outcome);
            }
            catch (RpcException ex)
            {
                outcomes.Add(ServiceError.ReasonOf(ex) ?? ex.StatusCode.ToString());
            }
        }
        return outcomes;
    }

    // A channel whose connections leave from the given loopback address, so each attack is a caller of its own.
    private static GrpcChannel Channel(Uri address, IPAddress from) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        MaxSendMessageSize = 16 * 1024 * 1024,
        HttpHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        },
    });

    private static CallOptions Bearer(string key, int seconds = 30) =>
        new(new Metadata { { "authorization", "Bearer " + key } }, DateTime.UtcNow.AddSeconds(seconds));

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
