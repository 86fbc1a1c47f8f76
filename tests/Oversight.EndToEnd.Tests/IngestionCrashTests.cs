using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Testing;
using Xunit.Abstractions;

namespace Oversight.EndToEnd.Tests;

/// <summary>
/// The ingestion host as its own process, killed with SIGKILL in the middle of a streamed bulk ingest of thousands of
/// reports, then started again on the same database: what the client was told is what is stored (once), every
/// notification of it reaches metrics and compliance, and sending the whole batch again finds those as duplicates.
/// </summary>
public abstract class IngestionCrashSuite(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Batch = 3000;
    private const int KillAfter = 1000;
    private const int Year = 2024;

    protected virtual string[] Storage => [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task Ingestion_KilledMidStream_AcknowledgedStoredOnceDeliveredAndDuplicatesOnResend()
    {
        var log = new DeliveryLog();
        await using var receivers = await LoopbackGrpcServer.StartAsync(
            app => { app.MapGrpcService<RecordingMetrics>(); app.MapGrpcService<RecordingCompliance>(); },
            configureServices: s => s.AddSingleton(log));
        var port = FreePorts.Next();
        using var data = TempFolder.Create("oversight-crash-");
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "Oversight.Ingestion.dll"), $"--Platform:DataDirectory={data.Path}",
            $"--Ingestion:Endpoint:Port={port}", "--Ingestion:Endpoint:HttpPort=0", "--Access:Open=true", $"--Ingestion:Outbox:Metrics={receivers.Address}",
            $"--Ingestion:Outbox:Compliance={receivers.Address}",
            // What the killed process had claimed but not marked delivered is due again once its lease ends (2 min by default).
            "--Ingestion:Outbox:ClaimLease=00:00:05", .. Storage];
        var requests = Requests();

        var acknowledged = new Dictionary<string, (string ReportId, int Revision)>(StringComparer.Ordinal);
        await using (var first = await PeerProcess.StartServerAsync("dotnet", arguments, TimeSpan.FromSeconds(60), readyLine: "Application started"))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            using var call = new IngestionService.IngestionServiceClient(channel).IngestReports(deadline: DateTime.UtcNow.AddMinutes(2));
            var writing = WriteAllAsync(call.RequestStream, requests);
            try
            {
                await foreach (var result in call.ResponseStream.ReadAllAsync())
                {
                    if (result.ResultCase == IngestResult.ResultOneofCase.Accepted)
                    {
                        acknowledged[result.ClientReference] = (result.Accepted.ReportId, result.Accepted.Revision);
                    }
                    if (acknowledged.Count == KillAfter)
                    {
                        var (exit, _) = await first.SignalAsync("KILL", TimeSpan.FromSeconds(10));
                        Assert.Equal(137, exit);
                    }
                }
            }
            catch (RpcException)
            {
                // The stream dies with the process: what was acknowledged until then is what counts.
            }
            await writing;
        }
        Assert.InRange(acknowledged.Count, KillAfter, Batch - 1);

        await using var second = await PeerProcess.StartServerAsync("dotnet", arguments, TimeSpan.FromSeconds(60), readyLine: "Application started");
        using var restarted = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new IngestionService.IngestionServiceClient(restarted);
        var stored = await StoredAsync(client);

        // Exactly once: each request names its own body, so two rows for one body would be a report stored twice.
        Assert.All(stored.GroupBy(s => s.Metadata.JurisdictionCode), g => Assert.Single(g));
        var byId = stored.ToDictionary(s => s.ReportId, StringComparer.Ordinal);
        foreach (var (reference, (reportId, revision)) in acknowledged)
        {
            Assert.True(byId.TryGetValue(reportId, out var summary), $"acknowledged {reference} ({reportId}) is not stored");
            Assert.Equal((revision, requests[int.Parse(reference, CultureInfo.InvariantCulture)].JurisdictionCode),
                (summary.Revision, summary.Metadata.JurisdictionCode));
        }

        await Eventually.UntilAsync(() =>
        {
            var metrics = log.For("metrics").ToHashSet();
            var compliance = log.For("compliance").ToHashSet();
            return Task.FromResult(acknowledged.Values.All(a => metrics.Contains(a) && compliance.Contains(a)));
        }, TimeSpan.FromSeconds(90), "every acknowledged report's notifications are delivered after the restart");

        var resent = await ResendAsync(client, requests);
        Assert.Equal(Batch, resent.Count);
        Assert.All(acknowledged, a => Assert.Equal(("duplicate", a.Value.ReportId), (resent[a.Key].Outcome, resent[a.Key].ReportId)));
        var after = await StoredAsync(client);
        Assert.Equal(Batch, after.Count);
        Assert.All(after.GroupBy(s => s.Metadata.JurisdictionCode), g => Assert.Single(g));

        var delivered = log.Calls.Select(c => (c.Target, c.ReportId, c.Revision)).ToList();
        output.WriteLine($"acknowledged before SIGKILL {acknowledged.Count:N0} of {Batch:N0}; stored after restart {stored.Count:N0}; " +
            $"notifications delivered {delivered.Count:N0} ({delivered.Distinct().Count():N0} distinct, " +
            $"{delivered.Count - delivered.Distinct().Count():N0} redelivered); " +
            $"resend: {resent.Values.Count(r => r.Outcome == "duplicate"):N0} duplicates, {resent.Values.Count(r => r.Outcome == "created"):N0} created");
    }

    private static List<SubmitReportRequest> Requests()
    {
        var seeds = SampleReports.All.Select(SampleReports.Text).ToArray();
        var codes = ShippedDivisions.Divisions.Where(d => d.Level is "county" or "township").Select(d => d.Code).Take(Batch).ToArray();
        return [.. Enumerable.Range(0, Batch).Select(i => new SubmitReportRequest
        {
            Content = ByteString.CopyFromUtf8(seeds[i % seeds.Length] + $"\n附:第{i}份。"),
            ContentType = "text/plain",
            JurisdictionCode = codes[i],
            ReportYear = Year,
            ClientReference = i.ToString(CultureInfo.InvariantCulture),
        })];
    }

    private static async Task WriteAllAsync(IClientStreamWriter<SubmitReportRequest> stream, IReadOnlyList<SubmitReportRequest> requests)
    {
        try
        {
            foreach (var request in requests)
            {
                await stream.WriteAsync(request);
            }
            await stream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The server died under the writer.
        }
    }

    private static async Task<List<ReportSummary>> StoredAsync(IngestionService.IngestionServiceClient client)
    {
        using var call = client.StreamReports(new StreamReportsRequest { Filter = new ReportFilter { ReportYear = Year } },
            deadline: DateTime.UtcNow.AddMinutes(1));
        var stored = new List<ReportSummary>();
        await foreach (var summary in call.ResponseStream.ReadAllAsync())
        {
            stored.Add(summary);
        }
        return stored;
    }

    private static async Task<Dictionary<string, SubmitReportResponse>> ResendAsync(IngestionService.IngestionServiceClient client,
        IReadOnlyList<SubmitReportRequest> requests)
    {
        using var call = client.IngestReports(deadline: DateTime.UtcNow.AddMinutes(2));
        var writing = WriteAllAsync(call.RequestStream, requests);
        var results = new Dictionary<string, SubmitReportResponse>(StringComparer.Ordinal);
        await foreach (var result in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(IngestResult.ResultOneofCase.Accepted, result.ResultCase);
            results[result.ClientReference] = result.Accepted;
        }
        await writing;
        return results;
    }
}

public sealed class SqliteIngestionCrashTests(ITestOutputHelper output) : IngestionCrashSuite(output);

[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresIngestionCrashTests(ITestOutputHelper output) : IngestionCrashSuite(output)
{
    private readonly string _prefix = "oversight_crash_" + Guid.NewGuid().ToString("N")[..10];

    protected override string[] Storage =>
    [
        "--Storage:Postgres=" +
            new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)) { Database = _prefix },
    ];

    public override Task DisposeAsync() => PostgresTestDatabase.DropAsync($"{_prefix}_ingestion");
}

/// <summary>Each service host run on its own, as a Deployment runs it, stops on SIGTERM and Ctrl+C within the grace period.</summary>
public sealed class ServiceHostSignalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Oversight.Ingestion.dll", "Ingestion", "TERM")]
    [InlineData("Oversight.Metrics.dll", "Metrics", "TERM")]
    [InlineData("Oversight.Compliance.dll", "Compliance", "TERM")]
    [InlineData("Oversight.Compliance.dll", "Compliance", "INT")]
    public async Task Host_Signalled_StopsWithinTheGracePeriod(string dll, string section, string signal)
    {
        var port = FreePorts.Next();
        using var data = TempFolder.Create("oversight-signal-");
        await using var host = await PeerProcess.StartServerAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, dll), $"--Platform:DataDirectory={data.Path}",
             $"--{section}:Endpoint:Port={port}", $"--{section}:Endpoint:HttpPort=0", "--Access:Open=true",
             $"--{section}:Ingestion=http://127.0.0.1:{FreePorts.Next()}"],
            TimeSpan.FromSeconds(60), readyLine: "Application started");

        var (exit, took) = await host.SignalAsync(signal, TimeSpan.FromSeconds(15));
        output.WriteLine($"{dll} SIG{signal}: exit {exit} after {took.TotalMilliseconds:N0} ms");

        Assert.True(exit == 0, $"exit {exit}: {host.StandardError}");
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }
}
