using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Testing;

namespace Oversight.Benchmarks;

/// <summary>
/// N reports (variants of the five seeds under other jurisdictions and years) through one IngestReports stream
/// into a fresh SQLite file (or PostgreSQL database with --postgres), with real receivers for the outbox. Prints reports/s, peak memory (sampled working
/// set and GC heap) and the time until every notification is delivered.
/// </summary>
internal static class IngestLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var storage = BenchmarkStorage.From(ref args, TempFolder.Create("oversight-ingest-load-"));
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var log = new DeliveryLog();
        await using var receivers = await LoopbackGrpcServer.StartAsync(
            app => { app.MapGrpcService<RecordingMetrics>(); app.MapGrpcService<RecordingCompliance>(); },
            configureServices: s => s.AddSingleton(log));
        var ingestion = await StartIngestionAsync(storage, receivers.Address);
        var address = ingestion.Address;

        var seeds = SampleReports.All.Select(SampleReports.Text).ToArray();
        var codes = ShippedDivisions.Divisions.Where(d => d.Level is "county" or "township").Select(d => d.Code).ToArray();
        using var sampler = new MemorySampler();
        using var channel = GrpcChannel.ForAddress(address);
        var client = new IngestionService.IngestionServiceClient(channel);
        // Untimed warm-up (JIT, connection pools, SQLite caches) on other bodies than the measured run's.
        await StreamAsync(client, seeds, codes, count, warmup);
        var stopwatch = Stopwatch.StartNew();
        var (accepted, rejected) = await StreamAsync(client, seeds, codes, 0, count);
        var ingested = stopwatch.Elapsed;

        var outbox = ingestion.Services.GetRequiredService<OutboxStore>();
        while (await outbox.PendingCountAsync(CancellationToken.None) > 0 && stopwatch.Elapsed < ingested + TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100);
        }
        var delivered = stopwatch.Elapsed;
        var database = await storage.SizeAsync(Oversight.Ingestion.Extensions.Section, "ingestion.db");

        Console.WriteLine(
            $"ingest {count:N0} reports through one IngestReports stream into {storage.Name} after {warmup:N0} untimed ({Environment.ProcessorCount} cores, " +
            "client, server and receivers in one process)");
        Console.WriteLine($"  accepted {accepted:N0}, rejected {rejected:N0}");
        Console.WriteLine($"  ingested in {ingested.TotalSeconds:F1} s = {accepted / ingested.TotalSeconds:N0} reports/s (target >= 1,000)");
        Console.WriteLine(
            $"  all {log.Calls.Count:N0} outbox notifications (warm-up included) delivered {(delivered - ingested).TotalSeconds:F1} s after the last report " +
            $"({delivered.TotalSeconds:F1} s from start)");
        Console.WriteLine(
            $"  peak working set {sampler.PeakWorkingSet / 1e6:F0} MB, peak GC heap {sampler.PeakHeap / 1e6:F0} MB, database {database / 1e6:F0} MB");
        await ingestion.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// Reports first..first+count through one stream: seed texts made unique, one per code and year, years from <paramref name="firstYear"/>.
    /// </summary>
    internal static async Task<(int Accepted, int Rejected)> StreamAsync(IngestionService.IngestionServiceClient client, string[] seeds, string[] codes,
        int first, int count, int firstYear = 2016)
    {
        using var call = client.IngestReports();
        var reading = Task.Run(async () =>
        {
            var (accepted, rejected) = (0, 0);
            await foreach (var result in call.ResponseStream.ReadAllAsync())
            {
                if (result.ResultCase == IngestResult.ResultOneofCase.Accepted)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }
            return (accepted, rejected);
        });
        for (var i = first; i < first + count; i++)
        {
            await call.RequestStream.WriteAsync(new SubmitReportRequest
            {
                Content = ByteString.CopyFromUtf8(seeds[i % seeds.Length] + $"\n附:第{i}份。"),
                ContentType = "text/plain",
                JurisdictionCode = codes[i % codes.Length],
                ReportYear = firstYear + i / codes.Length % 10,
                ClientReference = i.ToString(CultureInfo.InvariantCulture),
            });
        }
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    private static Task<RunningHost> StartIngestionAsync(BenchmarkStorage storage, Uri receivers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Platform:DataDirectory"] = storage.DataDirectory;
        foreach (var (key, value) in storage.Settings())
        {
            builder.Configuration[key] = value;
        }
        builder.Configuration["Ingestion:Endpoint:Port"] = "0";
        builder.Configuration["Access:Open"] = "true";
        builder.Configuration["Ingestion:Outbox:Metrics"] = receivers.ToString();
        builder.Configuration["Ingestion:Outbox:Compliance"] = receivers.ToString();
        builder.AddIngestion();
        return RunningHost.StartAsync(builder, app => app.MapIngestion());
    }

    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;

        public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 100);

        public long PeakWorkingSet { get; private set; }

        public long PeakHeap { get; private set; }

        public void Dispose()
        {
            _timer.Dispose();
            Sample();
        }

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
            PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
        }
    }
}
