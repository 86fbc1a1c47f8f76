using System.Net;
using System.Net.Http.Headers;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class DeadlineAndCancellationTests(EchoServerFixture fixture)
{
    [Fact]
    public async Task Unary_DeadlineShorterThanWork_DeadlineExceeded()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Echo.EchoAsync(new EchoRequest { DelayMs = 10_000 }, CallOptions.WithTimeout(TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Server_HandlerIgnoresCancellation_ServerItselfAnswersDeadlineExceeded()
    {
        // A raw HTTP/2 request with grpc-timeout and no client-side timer: only the server can end it.
        using var http = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var body = GrpcFrames.Frame(new EchoRequest { DelayMs = 10_000, IgnoreCancellation = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Address, "/oversight.testing.v1.EchoService/Echo"))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-timeout", "300m");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await response.Content.ReadAsByteArrayAsync(timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, response.ToString());
        var status = response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : response.TrailingHeaders.GetValues("grpc-status").First();
        Assert.Equal("4", status);
    }

    [Fact]
    public async Task Server_ClientCancels_HandlerTokenIsCancelled()
    {
        var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackGrpcServer.StartAsync(
            e => e.MapGrpcService<EchoService>(),
            o => o.Interceptors.Add(typeof(CancellationProbe)),
            s => s.AddSingleton(observed));
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var cts = new CancellationTokenSource();
        var call = new EchoClient(channel).EchoAsync(new EchoRequest { DelayMs = 30_000 }, new CallOptions(CancellationToken: cts.Token));

        await Task.Delay(200);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.True(await observed.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void FormatTimeout_ParseTimeout_RoundTripWithinEightDigits()
    {
        foreach (var timeout in new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromHours(5), TimeSpan.FromDays(400) })
        {
            var text = GrpcProtocol.FormatTimeout(timeout);

            Assert.True(text.Length <= 9, text);
            Assert.True(GrpcProtocol.TryParseTimeout(text, out var parsed));
            Assert.InRange((parsed - timeout).Duration(), TimeSpan.Zero, TimeSpan.FromHours(1));
        }
        Assert.False(GrpcProtocol.TryParseTimeout("123456789S", out _));
        Assert.False(GrpcProtocol.TryParseTimeout("10x", out _));
    }

    public sealed class CancellationProbe(TaskCompletionSource<bool> observed) : ServerInterceptor
    {
        public override async Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
        {
            try
            {
                await next(context);
            }
            catch (OperationCanceledException)
            {
                observed.TrySetResult(context.CancellationToken.IsCancellationRequested);
                throw;
            }
        }
    }
}
