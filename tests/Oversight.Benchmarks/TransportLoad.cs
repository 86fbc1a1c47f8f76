using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Testing;
using Oversight.Testing.V1;
using Oversight.Vocabulary;

namespace Oversight.Benchmarks;

/// <summary>
/// One process run, one load generator (h2load), the same settings for every target: the unary echo on the
/// grpc-dotnet server, on a bare Kestrel endpoint that returns a fixed pre-framed reply (this stack's ceiling),
/// on a grpc-js server and on a grpcio server; then the echo behind access control with a verified key against the
/// same server without it, and an access-checked data RPC (ListReports with a key on a real ingestion host).
/// h2load checks only HTTP status, so each target's reply is verified first with a real client. Allocations are
/// counted in this process (the .NET servers) and divided by the calls the servers saw.
/// </summary>
internal static partial class TransportLoad
{
    private const string EchoPath = "/oversight.testing.v1.EchoService/Echo";
    private const string ListReportsPath = "/oversight.ingestion.v1.IngestionService/ListReports";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IntOption(args, "--seconds", 10);
        var concurrency = IntOption(args, "--concurrency", 32);
        var connections = IntOption(args, "--connections", 4);
        var request = new EchoRequest { Message = "hello" };
        using var workFolder = TempFolder.Create("oversight-load-");
        var work = workFolder.Path;
        var echoBody = Path.Combine(work, "echo.bin");
        await File.WriteAllBytesAsync(echoBody, GrpcFrames.Frame(request));
        var listBody = Path.Combine(work, "list.bin");
        await File.WriteAllBytesAsync(listBody, GrpcFrames.Frame(new ListReportsRequest { PageSize = 5 }));
        var key = ApiKeys.Create();
        var verifier = new OneKeyVerifier(key);
        var authorization = "authorization: Bearer " + key.Token;

        var counter = new CallCounter();
        await using var ours = await LoopbackGrpcServer.StartAsync(app => counter.Count(app).MapGrpcService<EchoGrpcService>());
        await using var guarded = await LoopbackGrpcServer.StartAsync(
            app => counter.Count(app).UseAccess().MapGrpcService<EchoGrpcService>(),
            configureServices: services => AddAccess(services, verifier));
        await using var bare = await StartBareKestrelAsync(counter, GrpcFrames.Frame(new EchoResponse { Message = "hello" }));
        await using var node = await PeerProcess.StartServerAsync(InteropPeers.Node, [InteropPeers.NodeServer], TimeSpan.FromSeconds(30));
        await using var python = await PeerProcess.StartServerAsync(InteropPeers.Python,
            [InteropPeers.PythonPeer, "server", "--descriptor", InteropPeers.WriteEchoDescriptor(workFolder)], TimeSpan.FromSeconds(30));
        using var ingestionFolder = TempFolder.Create("oversight-load-ingestion-");
        var ingestionData = ingestionFolder.Path;
        await using var ingestion = await ServiceHosts.StartAsync(Ingestion.Extensions.Section, builder =>
        {
            builder.Services.AddSingleton<ICallerVerifier>(verifier);
            Ingestion.Extensions.AddIngestion(builder);
        }, app =>
        {
            counter.Count(app);
            Ingestion.Extensions.MapIngestion(app);
        }, ingestionData, new Dictionary<string, string?>
        {
            ["Access:Authority"] = "http://127.0.0.1:1",
            ["Access:CacheTime"] = "00:10:00",
            ["Access:CallsPerSecond"] = "10000000",
            ["Access:CallBurst"] = "10000000",
        });
        await SeedReportsAsync(ingestion.Address, key.Token);

        var targets = new Target[]
        {
            new("grpc-dotnet (Kestrel)", ours.Address.Port, echoBody, true),
            new("bare Kestrel ceiling", bare.Address.Port, echoBody, true),
            new("@grpc/grpc-js 1.14", node.Port, echoBody, false),
            new("grpcio 1.51 (Python)", python.Port, echoBody, false),
            new("echo + access (key)", guarded.Address.Port, echoBody, true, [authorization]),
            new("ListReports + key", ingestion.Address.Port, listBody, true, [authorization]),
        };
        foreach (var target in targets.Take(4))
        {
            await VerifyEchoAsync(target.Name, target.Port, request);
        }
        await VerifyGuardedAsync(guarded.Address, key.Token);

        Console.WriteLine(
            $"h2load -c {connections} -m {concurrency} -D {seconds} --warm-up-time=2, {Environment.ProcessorCount} cores shared by load and servers");
        // Every .NET target once before measuring, so that none is measured while the JIT still tiers up code it shares with the next.
        foreach (var target in targets.Where(t => t.Measured))
        {
            await H2LoadAsync(target.Port, target.Body, connections, concurrency, 3, work, target.Headers ?? []);
        }
        var results = new Dictionary<string, Result>();
        var allocations = new Dictionary<string, double>();
        foreach (var target in targets)
        {
            counter.Reset();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var result = await H2LoadAsync(target.Port, target.Body, connections, concurrency, seconds, work, target.Headers ?? []);
            var perCall = target.Measured && counter.Calls > 0 ? (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)counter.Calls : double.NaN;
            results[target.Name] = result;
            allocations[target.Name] = perCall;
            Console.WriteLine($"  {target.Name,-22} {result.CallsPerSecond,10:N0} calls/s   p50 {result.P50Ms,6:F2} ms   p99 {result.P99Ms,6:F2} ms   "
                + $"{(double.IsNaN(perCall) ? "      n/a" : $"{perCall,7:N0} B")}/call   ({result.Succeeded:N0} ok, {result.Failed:N0} failed)");
            if (target.Measured && result.Failed > 0)
            {
                throw new InvalidOperationException($"{result.Failed} calls to {target.Name} failed");
            }
        }

        var oursRate = results[targets[0].Name].CallsPerSecond;
        Console.WriteLine($"grpc-dotnet / bare Kestrel = {oursRate / results[targets[1].Name].CallsPerSecond:P0} (target >= 70%)");
        Console.WriteLine($"grpc-dotnet / grpc-js      = {oursRate / results[targets[2].Name].CallsPerSecond:F1}x (target >= 5x)");
        Console.WriteLine($"grpc-dotnet / grpcio       = {oursRate / results[targets[3].Name].CallsPerSecond:F1}x (target >= 15x)");
        Console.WriteLine(
            $"access check: {(oursRate - results[targets[4].Name].CallsPerSecond) / oursRate:P1} fewer echo calls with a verified key (target < 5%)");
        var listing = results[targets[5].Name].CallsPerSecond;
        Console.WriteLine($"ListReports + key / echo = {listing / oursRate:P1} (target >= 30%), / echo + key = "
            + $"{listing / results[targets[4].Name].CallsPerSecond:P1}, {allocations[targets[5].Name]:N0} B a call (target < 10 KB)");
        var cached = MeasureCachedPath(guarded.Services, key.Token);
        var callTime = 1e9 / oursRate * Environment.ProcessorCount;
        Console.WriteLine(
            $"access middleware, cached key, alone: {cached:F0} ns per call = {cached / callTime:P2} of the CPU time of one unary call " +
            $"at {oursRate:N0} calls/s");
        return 0;
    }

    private static void AddAccess(IServiceCollection services, ICallerVerifier verifier)
    {
        services.AddSingleton(AccessPolicy.Default.With(EchoPath, Roles.ProvinceAdmin));
        services.AddSingleton(Options.Create(new AccessOptions()));
        services.AddSingleton(verifier);
        services.AddSingleton(_ => new VerifiedCallerCache(TimeSpan.FromMinutes(10), TimeProvider.System));
        services.AddSingleton(_ => new FailedAuthLimiter(20, TimeSpan.FromMinutes(1), TimeProvider.System));
        // On, but far above the load: the measured cost includes the per-caller limiter without its refusals.
        services.AddSingleton(_ => new CallerRateLimiter(10_000_000, 10_000_000));
    }

    private static async Task SeedReportsAsync(Uri ingestion, string key)
    {
        using var channel = ServiceChannel.For(ingestion, () => key);
        var client = new IngestionService.IngestionServiceClient(channel);
        foreach (var seed in SampleReports.All)
        {
            await client.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(seed)) });
        }
        var listed = await client.ListReportsAsync(new ListReportsRequest { PageSize = 5 });
        if (listed.Reports.Count != 5)
        {
            throw new InvalidOperationException($"ListReports with the key returned {listed.Reports.Count} reports, not 5.");
        }
    }

    private static async Task VerifyEchoAsync(string name, int port, EchoRequest request)
    {
        using var channel = ServiceChannel.For($"http://127.0.0.1:{port}");
        var response = await new EchoService.EchoServiceClient(channel).EchoAsync(request);
        if (response.Message != request.Message)
        {
            throw new InvalidOperationException($"{name} answered '{response.Message}', not '{request.Message}'.");
        }
    }

    private static async Task VerifyGuardedAsync(Uri address, string token)
    {
        using var anonymous = ServiceChannel.For(address);
        try
        {
            await new EchoService.EchoServiceClient(anonymous).EchoAsync(new EchoRequest { Message = "x" });
            throw new InvalidOperationException("The guarded server answered a call without a key.");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
        {
        }
        using var keyed = ServiceChannel.For(address, () => token);
        await new EchoService.EchoServiceClient(keyed).EchoAsync(new EchoRequest { Message = "x" });
    }

    // The middleware's whole path for a cached key (endpoint, header, cache, policy, caller set), 2 million times.
    private static double MeasureCachedPath(IServiceProvider services, string token)
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "oversight.testing.v1.EchoService", "Echo",
            Marshallers.Create<EchoRequest>(m => m.ToByteArray(), EchoRequest.Parser.ParseFrom),
            Marshallers.Create<EchoResponse>(m => m.ToByteArray(), EchoResponse.Parser.ParseFrom));
        var endpoint = new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new GrpcMethodMetadata(typeof(EchoGrpcService), method)), "echo");
        var middleware = ActivatorUtilities.CreateInstance<AccessMiddleware>(services, (RequestDelegate)(_ => Task.CompletedTask));
        var http = new DefaultHttpContext();
        http.SetEndpoint(endpoint);
        http.Request.Headers.Authorization = "Bearer " + token;
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        for (var i = 0; i < 100_000; i++)
        {
            middleware.InvokeAsync(http).GetAwaiter().GetResult();
        }
        const int Calls = 2_000_000;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Calls; i++)
        {
            middleware.InvokeAsync(http).GetAwaiter().GetResult();
        }
        if (http.Features.Get<Caller>() is null)
        {
            throw new InvalidOperationException("The cached path did not authorise the call.");
        }
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / Calls;
    }

    /// <summary>One h2load run of a pre-framed unary call against a port; extra headers (an API key) are sent with every call.</summary>
    internal static async Task<Result> H2LoadAsync(int port, string bodyFile, int connections, int concurrency, int seconds, string work, string[] headers,
        string path = "")
    {
        var log = Path.Combine(work, $"h2load-{port}.log");
        var (exit, output, error) = await PeerProcess.RunAsync("h2load",
        [
            "-c", connections.ToString(CultureInfo.InvariantCulture), "-m", concurrency.ToString(CultureInfo.InvariantCulture), "-D",
            seconds.ToString(CultureInfo.InvariantCulture), "--warm-up-time=2",
            "-d", bodyFile, "-H", "content-type: application/grpc", "-H", "te: trailers", "--log-file", log,
            .. headers.SelectMany(h => new[] { "-H", h }),
            $"http://127.0.0.1:{port}{(path.Length > 0 ? path : bodyFile.EndsWith("list.bin", StringComparison.Ordinal) ? ListReportsPath : EchoPath)}",
        ], TimeSpan.FromSeconds(seconds + 60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"h2load failed ({exit}): {output} {error}");
        }
        var succeeded = long.Parse(SucceededRegex().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = long.Parse(FailedRegex().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var latencies = File.ReadLines(log)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length >= 3)
            .Select(parts => double.Parse(parts[2], CultureInfo.InvariantCulture) / 1000.0)
            .Order()
            .ToArray();
        return new Result(succeeded / (double)seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), succeeded, failed);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static Task<RunningHost> StartBareKestrelAsync(CallCounter counter, byte[] reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => new GrpcEndpointOptions { Address = "127.0.0.1", Port = 0 }.ApplyTo(k));
        RequestDelegate bareHandler = async context =>
        {
            // Drain the request, answer the fixed frame, status in trailers: gRPC with no work at all.
            while (true)
            {
                var read = await context.Request.BodyReader.ReadAsync();
                context.Request.BodyReader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
            context.Response.ContentType = "application/grpc";
            await context.Response.BodyWriter.WriteAsync(reply);
            context.Response.AppendTrailer("grpc-status", "0");
        };
        return RunningHost.StartAsync(builder, app => counter.Count(app).Run(bareHandler));
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"(\d+) succeeded")]
    private static partial Regex SucceededRegex();

    [GeneratedRegex(@"(\d+) failed")]
    private static partial Regex FailedRegex();

    internal sealed record Result(double CallsPerSecond, double P50Ms, double P99Ms, long Succeeded, long Failed);

    private sealed record Target(string Name, int Port, string Body, bool Measured, string[]? Headers = null);

    /// <summary>Requests the in-process servers saw (warm-up included), to divide this process's allocations by.</summary>
    private sealed class CallCounter
    {
        private long _calls;

        public long Calls => Interlocked.Read(ref _calls);

        public void Reset() => Interlocked.Exchange(ref _calls, 0);

        public WebApplication Count(WebApplication app)
        {
            app.Use((context, next) =>
            {
                Interlocked.Increment(ref _calls);
                return next(context);
            });
            return app;
        }
    }

    private sealed class OneKeyVerifier(ApiKeys.Issued key) : ICallerVerifier
    {
        public Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(keyId == key.KeyId && ApiKeys.Matches(secret, key.Salt, key.Hash)
                ? KeyCheck.Valid(new Caller(key.KeyId, "bench", Roles.ProvinceAdmin, ""), null)
                : KeyCheck.Refused(Reasons.KeyInvalid));
    }
}
