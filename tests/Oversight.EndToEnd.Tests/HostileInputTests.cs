using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Testing;
using Xunit.Abstractions;

namespace Oversight.EndToEnd.Tests;

/// <summary>
/// The platform as a process, fed 10,000 generated and mutated requests by an independent client (grpc-js,
/// tests/interop/node/fuzz_client.js: malformed protobuf, invalid UTF-8, nesting past the parser's limit, huge fields,
/// random report bodies, wrong charsets, boundary dates, absurd page sizes, forged tokens) through every RPC of the
/// three services and the push service, which is then hammered with the subscriptions it must refuse (huge, malformed,
/// non-https and private targets, oversized secrets, unknown event types, scopes outside a city's). Each answer has a clear
/// status and, for a refusal, a stable reason or message; the services stay SERVING, the process's memory stays bounded
/// and nothing stored changes (no subscription made, no delivery queued).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const long MemoryBound = 1_500_000_000;

    [Fact]
    public async Task Platform_TenThousandHostileRequests_EachClearlyRefusedServingAndNothingChanged()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.Next()).ToArray();
        using var dataFolder = TempFolder.Create("oversight-fuzz-");
        var data = dataFolder.Path;
        await using var platform = await PeerProcess.StartServerAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll"), $"--Platform:DataDirectory={data}",
             $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
             $"--Ingestion:Endpoint:Port={ports[0]}", $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}",
             .. ServiceHosts.FreeHttpPorts,
             // Every request is to reach the service it names: the per-key limit (200 a second) would refuse most of a run this fast.
             "--Access:CallsPerSecond=0"],
            TimeSpan.FromSeconds(90), readyLine: "Oversight platform ready");
        var key = (await File.ReadAllTextAsync(Path.Combine(data, "admin.key"))).Trim();
        var channels = ports.Select(p => GrpcChannel.ForAddress($"http://127.0.0.1:{p}")).ToArray();
        var headers = new Metadata { { "authorization", "Bearer " + key } };
        // Metrics analyses the samples through the outbox in the background: wait until it has, so the snapshot is still.
        await Eventually.UntilAsync(async () => await SnapshotAsync(channels, headers) is var s && s.Contains("values 5 reports", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "metrics has analysed the five samples");
        // A city's key (大同市, 1402), for the push cases outside its scope; made before the snapshot, so it is part of it.
        var city = (await new AccessService.AccessServiceClient(channels[2]).CreateKeyAsync(
            new CreateKeyRequest { Name = "大同市司法局", Role = "city_office", Scope = "1402" }, headers)).Secret;
        var before = await SnapshotAsync(channels, headers);

        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessMemory.ResidentBytes(platform.ProcessId));
                await Task.Delay(100);
            }
        });
        var (exit, stdout, stderr) = await PeerProcess.RunAsync(InteropPeers.Node,
            [RepositoryPaths.Combine("tests", "interop", "node", "fuzz_client.js"), $"127.0.0.1:{ports[0]}", $"127.0.0.1:{ports[1]}",
             $"127.0.0.1:{ports[2]}", key,
             Requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "20261203", city],
            TimeSpan.FromMinutes(5));
        await sampling.CancelAsync();
        await sampler;

        Assert.True(exit == 0, stdout + stderr);
        using var result = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        output.WriteLine($"{result.RootElement.GetProperty("sent")} requests in {result.RootElement.GetProperty("seconds")} s; "
            + $"peak resident memory {peak / 1e6:F0} MB");
        output.WriteLine("by status: " + result.RootElement.GetProperty("byCode"));
        output.WriteLine("by reason: " + result.RootElement.GetProperty("byReason"));
        output.WriteLine("by kind: " + result.RootElement.GetProperty("byKind"));
        Assert.Equal(Requests, result.RootElement.GetProperty("sent").GetInt32());
        Assert.True(result.RootElement.GetProperty("unclear").GetArrayLength() == 0,
            "answers without a clear status: " + result.RootElement.GetProperty("unclear"));
        Assert.True(result.RootElement.GetProperty("byReason").TryGetProperty("REQUEST_MALFORMED", out var malformed) && malformed.GetInt32() > 1000,
            "malformed protobuf was generated and refused as such");
        // The push service hammered with what it must refuse: every case, each time, with its own reason.
        var push = result.RootElement.GetProperty("push");
        output.WriteLine($"push: {push.GetProperty("sent")} requests, {push.GetProperty("cases")} cases");
        Assert.True(push.GetProperty("mismatched").GetArrayLength() == 0, "push answers not as expected: " + push.GetProperty("mismatched"));
        Assert.Equal((43, 860), (push.GetProperty("cases").GetInt32(), push.GetProperty("sent").GetInt32()));
        Assert.InRange(peak, 1, MemoryBound);
        foreach (var channel in channels)
        {
            var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(),
                deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }
        Assert.Equal(before, await SnapshotAsync(channels, headers));
    }

    // Everything a hostile request could have changed, read back through the services themselves.
    private static async Task<string> SnapshotAsync(GrpcChannel[] channels, Metadata headers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var lines = new List<string>();
        using (var reports = new IngestionService.IngestionServiceClient(channels[0]).StreamReports(new StreamReportsRequest { Filter = new ReportFilter() },
            headers, deadline))
        {
            await foreach (var r in reports.ResponseStream.ReadAllAsync())
            {
                lines.Add($"report {r.ReportId} {r.Revision} {r.ContentHash}");
            }
        }
        var values = 0;
        var analysed = new HashSet<string>(StringComparer.Ordinal);
        using (var export = new MetricsService.MetricsServiceClient(channels[1]).ExportValues(new ExportValuesRequest { IncludeSuperseded = true }, headers,
            deadline))
        {
            await foreach (var v in export.ResponseStream.ReadAllAsync())
            {
                values++;
                analysed.Add(v.ReportId);
            }
        }
        lines.Add($"values {analysed.Count} reports {values}");
        var compliance = new ComplianceService.ComplianceServiceClient(channels[2]);
        var findings = await compliance.ListFindingsAsync(new ListFindingsRequest { IncludeSuperseded = true, PageSize = 500 }, headers, deadline);
        lines.AddRange(findings.Findings.Select(f => $"finding {f.FindingId} {f.Status}"));
        lines.Add($"sweeps {(await compliance.ListSweepsAsync(new ListSweepsRequest { PageSize = 500 }, headers, deadline)).Sweeps.Count}");
        lines.AddRange((await compliance.ListRulePacksAsync(new ListRulePacksRequest(), headers, deadline)).Packs.Select(p => $"pack {p.PackId} {p.Version}"));
        var push = new Oversight.Contracts.Push.V1.PushService.PushServiceClient(channels[2]);
        lines.AddRange((await push.ListSubscriptionsAsync(new Oversight.Contracts.Push.V1.ListSubscriptionsRequest(), headers, deadline)).Subscriptions
            .Select(s => $"subscription {s.SubscriptionId} {s.State}"));
        lines.Add($"deliveries {(await push.ListDeliveriesAsync(new Oversight.Contracts.Push.V1.ListDeliveriesRequest { PageSize = 500 }, headers, deadline))
            .Deliveries.Count}");
        var access = new AccessService.AccessServiceClient(channels[2]);
        lines.AddRange((await access.ListKeysAsync(new ListKeysRequest { IncludeInactive = true }, headers, deadline)).Keys
            .Select(k => $"key {k.KeyId} {k.RevokedAt}"));
        // The audit log records every administrative action attempted: an import whose stream was garbage is one,
        // with nothing inserted or updated. Any other new entry would be a change.
        lines.AddRange((await access.ListAuditAsync(new ListAuditRequest { PageSize = 500 }, headers, deadline)).Entries
            .Where(e => !(e.Action == "registry.import" && e.Detail.Contains("inserted 0, updated 0", StringComparison.Ordinal)))
            .Select(e => $"audit {e.Action} {e.Target} {e.Detail}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
