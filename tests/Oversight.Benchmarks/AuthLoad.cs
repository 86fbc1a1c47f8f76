using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Benchmarks;

/// <summary>
/// The cost of access control per call, once a key is verified (the cache): the unary echo under h2load on two
/// otherwise identical servers, without and with <see cref="AccessInterceptor"/>, both sent the same key (h2load,
/// like nghttp2 everywhere, sends authorization never-indexed, so carrying the header costs on both sides and
/// only the check differs), and the interceptor's cached path alone in a tight loop, set against the time one
/// unary call takes at the measured rate.
/// </summary>
internal static class AuthLoad
{
    private const string EchoMethod = "/oversight.testing.v1.EchoService/Echo";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var work = Directory.CreateTempSubdirectory("oversight-auth-load-").FullName;
        var bodyFile = Path.Combine(work, "request.bin");
        await File.WriteAllBytesAsync(bodyFile, GrpcFrames.Frame(new EchoRequest { Message = "hello" }));
        var key = ApiKeys.Create();
        var verifier = new OneKeyVerifier(key);

        await using var plain = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>());
        await using var guarded = await LoopbackGrpcServer.StartAsync(
            e => e.MapGrpcService<EchoService>(),
            grpc => grpc.Interceptors.Add(typeof(AccessInterceptor)),
            services => AddAccess(services, verifier));
        await VerifyAsync(guarded.Address, key.Token);

        Console.WriteLine($"h2load -c 4 -m 32 -D {seconds} --warm-up-time=2, unary echo, {Environment.ProcessorCount} cores shared by load and server; runs alternate");
        var without = new List<double>();
        var with = new List<double>();
        var authorization = "authorization: Bearer " + key.Token;
        for (var round = 0; round < 3; round++)
        {
            without.Add((await TransportLoad.H2LoadAsync(plain.Address.Port, bodyFile, 4, 32, seconds, work, authorization)).CallsPerSecond);
            var guardedRun = await TransportLoad.H2LoadAsync(guarded.Address.Port, bodyFile, 4, 32, seconds, work, authorization);
            if (guardedRun.Failed > 0)
            {
                throw new InvalidOperationException($"{guardedRun.Failed} guarded calls failed");
            }
            with.Add(guardedRun.CallsPerSecond);
            Console.WriteLine($"  round {round + 1}: without access control {without[^1],10:N0} calls/s   with a verified key {with[^1],10:N0} calls/s");
        }
        var rateWithout = without.Order().ElementAt(1);
        var rateWith = with.Order().ElementAt(1);
        Console.WriteLine($"median: without {rateWithout:N0} calls/s, with {rateWith:N0} calls/s: {(rateWithout - rateWith) / rateWithout:P1} fewer calls (target < 5%)");

        var perCall = MeasureCachedPath(guarded.Services.GetRequiredService<AccessInterceptor>(), key.Token);
        var callTime = 1e9 / rateWithout * Environment.ProcessorCount;
        Console.WriteLine($"interceptor, cached key, alone: {perCall:F0} ns per call = {perCall / callTime:P2} of the CPU time of one unary call at {rateWithout:N0} calls/s on {Environment.ProcessorCount} cores");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static void AddAccess(IServiceCollection services, ICallerVerifier verifier)
    {
        services.AddSingleton(AccessPolicy.Default.With(EchoMethod, Roles.CityOffice));
        services.AddSingleton(Options.Create(new AccessOptions()));
        services.AddSingleton(verifier);
        services.AddSingleton(sp => new VerifiedCallerCache(TimeSpan.FromSeconds(30), TimeProvider.System));
        services.AddSingleton(sp => new FailedAuthLimiter(20, TimeSpan.FromMinutes(1), TimeProvider.System));
        services.AddSingleton<AccessInterceptor>();
    }

    private static async Task VerifyAsync(Uri address, string token)
    {
        using var anonymous = GrpcChannel.ForAddress(address);
        try
        {
            await new EchoClient(anonymous).EchoAsync(new EchoRequest { Message = "x" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
            throw new InvalidOperationException("The guarded server answered a call without a key.");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
        {
        }
        using var keyed = GrpcChannel.ForAddress(address, new GrpcChannelOptions { Credentials = CallCredentials.FromBearerToken(token) });
        await new EchoClient(keyed).EchoAsync(new EchoRequest { Message = "x" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
    }

    // The interceptor's whole path for a cached key (header, hash, cache, policy, caller set), 2 million times.
    private static double MeasureCachedPath(AccessInterceptor interceptor, string token)
    {
        var context = new BenchContext(token);
        Func<ServerCallContext, Task> next = _ => Task.CompletedTask;
        for (var i = 0; i < 100_000; i++)
        {
            interceptor.InterceptAsync(context, next).GetAwaiter().GetResult();
        }
        const int Calls = 2_000_000;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Calls; i++)
        {
            interceptor.InterceptAsync(context, next).GetAwaiter().GetResult();
        }
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / Calls;
    }

    private sealed class OneKeyVerifier(ApiKeys.Issued key) : ICallerVerifier
    {
        public Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(keyId == key.KeyId && ApiKeys.Matches(secret, key.Salt, key.Hash)
                ? KeyCheck.Valid(new Caller(key.KeyId, "bench", Roles.CityOffice, "1402"), null)
                : KeyCheck.Refused(KeyCheck.Invalid));
    }

    private sealed class BenchContext(string token) : ServerCallContext
    {
        private readonly Metadata _headers = new Metadata().Add("authorization", "Bearer " + token);
        private readonly Dictionary<object, object?> _state = [];

        public override string Method => EchoMethod;

        public override string Peer => "ipv4:127.0.0.1:50000";

        public override DateTime Deadline => DateTime.MaxValue;

        public override Metadata RequestHeaders => _headers;

        public override Metadata ResponseTrailers { get; } = new();

        public override CancellationToken CancellationToken => CancellationToken.None;

        public override Status Status { get; set; }

        public override string? ResponseCompression { get; set; }

        public override IDictionary<object, object?> UserState => _state;

        public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;

        public override HttpContext? GetHttpContext() => null;
    }
}
