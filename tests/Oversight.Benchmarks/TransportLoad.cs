using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Benchmarks;

/// <summary>
/// Drives the same unary echo with the same h2load settings against our server, a grpc-js server, a
/// grpcio server and a bare Kestrel endpoint that returns a fixed pre-framed reply (this stack's ceiling).
/// h2load checks only HTTP status, so each target's reply is verified separately with a real client first.
/// </summary>
internal static partial class TransportLoad
{
    private const string Path = "/oversight.testing.v1.EchoService/Echo";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IntOption(args, "--seconds", 10);
        var concurrency = IntOption(args, "--concurrency", 32);
        var connections = IntOption(args, "--connections", 4);
        var request = new EchoRequest { Message = "hello" };
        var work = Directory.CreateTempSubdirectory("oversight-load-").FullName;
        var bodyFile = System.IO.Path.Combine(work, "request.bin");
        await File.WriteAllBytesAsync(bodyFile, GrpcFrames.Frame(request));

        await using var ours = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>());
        await using var bare = await StartBareKestrelAsync(GrpcFrames.Frame(new EchoResponse { Message = "hello" }));
        await using var node = await PeerProcess.StartServerAsync(InteropPeers.Node, [InteropPeers.NodeServer], TimeSpan.FromSeconds(30));
        await using var python = await PeerProcess.StartServerAsync(InteropPeers.Python,
            [InteropPeers.PythonPeer, "server", "--descriptor", InteropPeers.WriteEchoDescriptor()], TimeSpan.FromSeconds(30));

        var targets = new (string Name, int Port)[]
        {
            ("oversight (Kestrel)", ours.Address.Port),
            ("bare Kestrel ceiling", bare.Address.Port),
            ("@grpc/grpc-js 1.14", node.Port),
            ("grpcio 1.51 (Python)", python.Port),
        };
        foreach (var (name, port) in targets)
        {
            await VerifyAsync(name, port, request);
        }

        Console.WriteLine($"h2load -c {connections} -m {concurrency} -D {seconds} --warm-up-time=2, unary echo, {Environment.ProcessorCount} cores shared by load and server");
        var results = new List<(string Name, Result Result)>();
        foreach (var (name, port) in targets)
        {
            var result = await H2LoadAsync(port, bodyFile, connections, concurrency, seconds, work);
            results.Add((name, result));
            Console.WriteLine($"  {name,-22} {result.CallsPerSecond,10:N0} calls/s   p50 {result.P50Ms,6:F2} ms   p99 {result.P99Ms,6:F2} ms   ({result.Succeeded:N0} ok, {result.Failed:N0} failed)");
        }

        var oursRate = results[0].Result.CallsPerSecond;
        var bareRate = results[1].Result.CallsPerSecond;
        var nodeRate = results[2].Result.CallsPerSecond;
        var pythonRate = results[3].Result.CallsPerSecond;
        Console.WriteLine($"ours / bare Kestrel = {oursRate / bareRate:P0} (target >= 70%)");
        Console.WriteLine($"ours / grpc-js      = {oursRate / nodeRate:F1}x (target >= 5x)");
        Console.WriteLine($"ours / grpcio       = {oursRate / pythonRate:F1}x (target >= 15x)");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static async Task VerifyAsync(string name, int port, EchoRequest request)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var response = await new EchoClient(channel).EchoAsync(request, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
        if (response.Message != request.Message)
        {
            throw new InvalidOperationException($"{name} answered '{response.Message}', not '{request.Message}'.");
        }
    }

    /// <summary>One h2load run of the unary echo against a port; extra headers (an API key) are sent with every call.</summary>
    internal static async Task<Result> H2LoadAsync(int port, string bodyFile, int connections, int concurrency, int seconds, string work, params string[] headers)
    {
        var log = System.IO.Path.Combine(work, $"h2load-{port}.log");
        var (exit, output, error) = await PeerProcess.RunAsync("h2load",
        [
            "-c", connections.ToString(CultureInfo.InvariantCulture), "-m", concurrency.ToString(CultureInfo.InvariantCulture), "-D", seconds.ToString(CultureInfo.InvariantCulture), "--warm-up-time=2",
            "-d", bodyFile, "-H", "content-type: application/grpc", "-H", "te: trailers", "--log-file", log,
            .. headers.SelectMany(h => new[] { "-H", h }),
            $"http://127.0.0.1:{port}{Path}",
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

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static Task<RunningHost> StartBareKestrelAsync(byte[] reply)
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
        return RunningHost.StartAsync(builder, app => app.Run(bareHandler));
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
}
