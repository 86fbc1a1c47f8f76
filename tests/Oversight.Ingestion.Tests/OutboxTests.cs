using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Dapper;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Storage.Migrations;
using Oversight.Testing;

namespace Oversight.Ingestion.Tests;

/// <summary>The transactional outbox, against real receiving services that are stopped and started again.</summary>
public sealed class OutboxTests
{
    private static Task<LoopbackGrpcServer> StartReceiversAsync(DeliveryLog log, int port = 0) => LoopbackGrpcServer.StartAsync(
        app =>
        {
            app.MapGrpcService<RecordingMetrics>();
            app.MapGrpcService<RecordingCompliance>();
        },
        configureServices: services => services.AddSingleton(log),
        endpoint: new GrpcEndpointOptions { Address = "127.0.0.1", Port = port });

    private static Dictionary<string, string?> Outbox(Uri receivers) => new()
    {
        ["Ingestion:Outbox:Metrics"] = receivers.ToString(),
        ["Ingestion:Outbox:Compliance"] = receivers.ToString(),
        ["Ingestion:Outbox:PollInterval"] = "00:00:00.100",
        ["Ingestion:Outbox:MaxBackoff"] = "00:00:00.300",
        ["Ingestion:Outbox:BreakDuration"] = "00:00:00.500",
    };

    private static SubmitReportRequest Seed(string seed) => new() { Content = ByteString.CopyFrom(SampleReports.Bytes(seed)) };

    [Fact]
    public async Task Submit_ReceiversUp_EachStoredRevisionAnnouncedToMetricsAndComplianceInOrder()
    {
        var log = new DeliveryLog();
        await using var receivers = await StartReceiversAsync(log);
        await using var host = await IngestionHost.StartAsync(settings: Outbox(receivers.Address));

        var first = await host.Client.SubmitReportAsync(Seed(SampleReports.Yungang));
        var edited = new SubmitReportRequest { Content = ByteString.CopyFromUtf8(SampleReports.Text(SampleReports.Yungang) + "\n补充说明。") };
        await host.Client.SubmitReportAsync(edited);
        await host.Client.SubmitReportAsync(Seed(SampleReports.Yungang));
        // The receiver logs a call before it answers, and the row is marked delivered only after the answer.
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        await WaitUntilAsync(async () => await outbox.PendingCountAsync(CancellationToken.None) == 0 && log.Calls.Count >= 4);

        Assert.Equal([(first.ReportId, 1), (first.ReportId, 2)], log.For("metrics"));
        Assert.Equal([(first.ReportId, 1), (first.ReportId, 2)], log.For("compliance"));
    }

    [Fact]
    public async Task Submit_ReceiversDown_StillAcceptedAndAllDeliveredWhenTheyReturn()
    {
        var log = new DeliveryLog();
        var receivers = await StartReceiversAsync(log);
        var port = receivers.Address.Port;
        await using var host = await IngestionHost.StartAsync(settings: Outbox(receivers.Address));
        await receivers.DisposeAsync();

        var stored = new List<string>();
        foreach (var seed in SampleReports.All)
        {
            stored.Add((await host.Client.SubmitReportAsync(Seed(seed))).ReportId);
        }
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        Assert.Equal(10, await outbox.PendingCountAsync(CancellationToken.None));
        Assert.Empty(log.Calls);

        await using var restarted = await StartReceiversAsync(log, port);
        await WaitUntilAsync(async () => await outbox.PendingCountAsync(CancellationToken.None) == 0);

        Assert.Equal(stored.Order(), log.For("metrics").Select(c => c.ReportId).Distinct().Order());
        Assert.Equal(stored.Order(), log.For("compliance").Select(c => c.ReportId).Distinct().Order());
    }

    // A receiver in the middle of a rollout answers UNAVAILABLE for a while: ingestion keeps accepting, backs off (the
    // circuit opens, each notification waits longer between tries) instead of calling in a loop, and once the receiver
    // is back every notification is delivered exactly once. The outage is 4 s of ingestion's own clock, a fake one moved
    // a tenth of a second at a time once the outbox has tried whatever was due, so no wall-clock time is waited out.
    [Fact]
    public async Task Submit_ReceiversUnavailableForAWhile_BackedOffThenEachDeliveredOnce()
    {
        var log = new DeliveryLog();
        var outage = new Outage();
        await using var receivers = await LoopbackGrpcServer.StartAsync(
            app =>
            {
                app.MapGrpcService<RecordingMetrics>();
                app.MapGrpcService<RecordingCompliance>();
            },
            configureGrpc: grpc => grpc.Interceptors.Add<OutageInterceptor>(),
            configureServices: services => services.AddSingleton(log).AddSingleton(outage));
        await using var folder = TempFolder.Create("oversight-outage-");
        var directory = folder.Path;
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await IngestionHost.StartAsync(directory, new Dictionary<string, string?>(Outbox(receivers.Address))
        {
            ["Ingestion:Outbox:MaxBackoff"] = "00:00:01",
            ["Ingestion:Outbox:BreakDuration"] = "00:00:01",
        }, time: clock);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "ingestion.db")}");

        var stored = new List<(string, int)>();
        for (var i = 0; i < 20; i++)
        {
            var submitted = await host.Client.SubmitReportAsync(
                new SubmitReportRequest { Content = ByteString.CopyFromUtf8(SampleReports.Text(SampleReports.Hunyuan) + $"\n修订{i}。") });
            stored.Add((submitted.ReportId, submitted.Revision));
        }
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(4); elapsed += TimeSpan.FromMilliseconds(100))
        {
            clock.Now += TimeSpan.FromMilliseconds(100);
            await Eventually.UntilAsync(async () => await UntriedAsync(connection, clock.Now) == 0, TimeSpan.FromSeconds(20),
                $"every notification due at {elapsed} tried");
        }
        var refusedDuringOutage = outage.Refused;
        outage.Over = true;
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        // The clock goes on moving, so the tries waiting out their backoff and the open circuit come due.
        await WaitUntilAsync(async () =>
        {
            clock.Now += TimeSpan.FromMilliseconds(100);
            return await outbox.PendingCountAsync(CancellationToken.None) == 0;
        });

        // 40 notifications over 4 s: the open circuit keeps calls to a few in all, and each notification's own tries back
        // off (100 ms doubling, capped at 1 s) instead of going round the outbox loop thousands of times.
        var mostTries = await connection.ExecuteScalarAsync<long>("SELECT MAX(attempts) FROM outbox");
        Assert.InRange(refusedDuringOutage, 1, 80);
        Assert.InRange(mostTries, 1, 12);
        Assert.Equal(stored, log.For("metrics"));
        Assert.Equal(stored, log.For("compliance"));
    }

    // Notifications the dispatcher would claim at that instant (due, and no older one of the report and target waiting)
    // or has claimed and is still delivering (leased two minutes ahead, where a failed try is at most the 1 s backoff
    // ahead): none once everything due has been tried and its failure recorded.
    private static Task<long> UntriedAsync(SqliteConnection connection, DateTimeOffset now) => connection.ExecuteScalarAsync<long>(
        """
        SELECT COUNT(*) FROM outbox o WHERE o.delivered_at IS NULL AND (o.next_attempt_at > @Leased OR (o.next_attempt_at <= @Now
          AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.report_id = o.report_id AND e.target = o.target AND e.delivered_at IS NULL AND e.id < o.id)))
        """,
        new { Now = Oversight.Storage.SqlTime.Format(now), Leased = Oversight.Storage.SqlTime.Format(now.AddMinutes(1)) });

    // A caller's own trace (as a city office system would send one): a source this test listens to.
    private sealed class CallerTrace : IDisposable
    {
        private readonly System.Diagnostics.ActivityListener _listener = new()
        {
            ShouldListenTo = s => s.Name == "Oversight.Tests",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };

        public CallerTrace() => System.Diagnostics.ActivitySource.AddActivityListener(_listener);

        public System.Diagnostics.ActivitySource Source { get; } = new("Oversight.Tests");

        public void Dispose()
        {
            Source.Dispose();
            _listener.Dispose();
        }
    }

    private sealed class Outage
    {
        private int _refused;

        public volatile bool Over;

        public int Refused => _refused;

        public void Refuse() => Interlocked.Increment(ref _refused);
    }

    private sealed class OutageInterceptor(Outage outage) : global::Grpc.Core.Interceptors.Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
            UnaryServerMethod<TRequest, TResponse> continuation)
        {
            if (outage.Over)
            {
                return continuation(request, context);
            }
            outage.Refuse();
            throw new RpcException(new Status(StatusCode.Unavailable, "rolling out"));
        }
    }

    // One report followed from the caller through ingestion and the outbox (traceparent kept in the row) to both
    // receivers: their calls arrive in the caller's trace.
    [Fact]
    public async Task Submit_InACallersTrace_DeliveriesContinueThatTrace()
    {
        using var caller = new CallerTrace();
        var log = new DeliveryLog();
        await using var receivers = await StartReceiversAsync(log);
        await using var host = await IngestionHost.StartAsync(settings: Outbox(receivers.Address));

        string traceId;
        string reportId;
        using (var call = caller.Source.StartActivity("city office submits"))
        {
            traceId = call!.TraceId.ToHexString();
            reportId = (await host.Client.SubmitReportAsync(Seed(SampleReports.Fenxi))).ReportId;
        }
        await WaitUntilAsync(() => log.Traces.Count(t => t.ReportId == reportId) >= 2);

        Assert.Equal([("compliance", traceId), ("metrics", traceId)], log.Traces.Where(t => t.ReportId == reportId).Select(t => (t.Target, t.TraceId)).Order());
    }

    [Fact]
    public async Task Logs_CallInACallersTrace_LineCarriesTheTraceId()
    {
        using var caller = new CallerTrace();
        var logs = new CapturingLoggerProvider();
        await using var host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?> { ["Logging:LogLevel:Oversight"] = "Debug" },
            logs: logs);

        string traceId;
        using (var call = caller.Source.StartActivity("city office lists"))
        {
            traceId = call!.TraceId.ToHexString();
            await host.Client.ListReportsAsync(new ListReportsRequest());
        }

        Assert.Contains(logs.Traces, t => t.Message.Contains("ListReports", StringComparison.Ordinal) && t.TraceId == traceId);
    }

    // A collector on loopback that accepts whatever OTLP/gRPC sends it and records which service it was (traces,
    // metrics, logs): the host exports there once Telemetry:OtlpEndpoint is set.
    [Fact]
    public async Task Telemetry_OtlpEndpointSet_TracesMetricsAndLogsExported()
    {
        var exported = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.Logging.ClearProviders();
        collector.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0,
            l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        await using var app = collector.Build();
        app.MapPost("/{service}/Export", async (HttpContext http, string service) =>
        {
            exported.Enqueue(service);
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.ContentType = "application/grpc";
            http.Response.AppendTrailer("grpc-status", "0");
            await http.Response.Body.WriteAsync(new byte[5]);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        await using var host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = address,
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        });

        await host.Client.SubmitReportAsync(Seed(SampleReports.Fenxi));
        await WaitUntilAsync(() =>
            new[] { "TraceService", "MetricsService", "LogsService" }.All(s => exported.Any(e => e.EndsWith(s, StringComparison.Ordinal))));

        Assert.Contains(exported, e => e == "opentelemetry.proto.collector.trace.v1.TraceService");
    }

    [Fact]
    public async Task Metrics_PrometheusPortSet_ScrapeShowsCallsAndOutboxBacklog()
    {
        var port = FreePorts.Next();
        await using var host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Ingestion:Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await host.Client.SubmitReportAsync(Seed(SampleReports.Fenxi));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var scrape = "";
        await WaitUntilAsync(async () =>
        {
            scrape = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            return scrape.Contains("oversight_outbox_pending", StringComparison.Ordinal)
                && scrape.Contains("oversight_rpc_server_calls", StringComparison.Ordinal);
        });

        Assert.Contains("SubmitReport", scrape, StringComparison.Ordinal);
        // The scrape port answers /metrics only; gRPC stays on its own HTTP/2 endpoint.
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await http.GetAsync($"http://127.0.0.1:{port}/oversight.ingestion.v1.IngestionService/ListReports")).StatusCode);
    }

    [Fact]
    public async Task Submit_IngestionRestarted_PendingNotificationsSurviveAndAreDelivered()
    {
        var log = new DeliveryLog();
        await using var folder = TempFolder.Create("oversight-outbox-");
        var directory = folder.Path;
        await using (var offline = await IngestionHost.StartAsync(directory))
        {
            await offline.Client.SubmitReportAsync(Seed(SampleReports.Fenxi));
        }
        await using var receivers = await StartReceiversAsync(log);

        await using var host = await IngestionHost.StartAsync(directory, Outbox(receivers.Address));
        await WaitUntilAsync(() => log.Calls.Count >= 2);

        Assert.Single(log.For("metrics"));
        Assert.Single(log.For("compliance"));
    }

    [Fact]
    public async Task Start_DatabaseNewerThanTheService_Refused()
    {
        await using var folder = TempFolder.Create("oversight-newer-");
        var directory = folder.Path;
        await (await IngestionHost.StartAsync(directory)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "ingestion.db")}"))
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'from_the_future', '2030-01-01')");
        }
        SqliteConnection.ClearAllPools();

        var ex = await Assert.ThrowsAsync<SchemaTooNewException>(() => IngestionHost.StartAsync(directory));

        Assert.Equal(99, ex.DatabaseVersion);
    }

    // Bounded: fails the test after 20 s rather than hanging it.
    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.UntilAsync(condition, TimeSpan.FromSeconds(20), "the deliveries");

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.UntilAsync(condition, TimeSpan.FromSeconds(20), "the outbox to empty");
}
