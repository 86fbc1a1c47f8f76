using Google.Protobuf;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Interop.Tests;

/// <summary>One Python grpcio server process for all the tests of <see cref="PythonServerTests"/>.</summary>
public sealed class PythonServerFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = TempFolder.Create("oversight-echo-");

    public PeerProcess Peer { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Peer = await PeerProcess.StartServerAsync(InteropPeers.Python,
            [InteropPeers.PythonPeer, "server", "--descriptor", InteropPeers.WriteEchoDescriptor(_folder)], TimeSpan.FromSeconds(30));
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Peer.Port}");
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Peer.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>The grpc-dotnet client (Grpc.Net.Client) against a Python grpcio server (which also gzips its responses).</summary>
public sealed class PythonServerTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private readonly PeerProcess _peer = fixture.Peer;
    private readonly EchoService.EchoServiceClient _client = new(fixture.Channel);

    [Fact]
    public async Task Unary_AgainstGrpcio_Echoes()
    {
        var response = await _client.EchoAsync(new EchoRequest { Message = "法治政府" }, CallDeadline.In(TimeSpan.FromSeconds(10)));

        Assert.Equal("法治政府", response.Message);
    }

    [Fact]
    public async Task ServerStreaming_AgainstGrpcio_AllMessagesInOrder()
    {
        using var call = _client.ServerStream(new StreamRequest { Count = 25, PayloadSize = 1000 }, CallDeadline.In(TimeSpan.FromSeconds(10)));
        var indexes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(response.Index);
        }

        Assert.Equal(Enumerable.Range(0, 25), indexes);
    }

    [Fact]
    public async Task ClientStreaming_AgainstGrpcio_Counts()
    {
        using var call = _client.ClientStream(CallDeadline.In(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 7; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i, Payload = ByteString.CopyFrom(new byte[3]) });
        }
        await call.RequestStream.CompleteAsync();

        Assert.Equal("7:21:m6", (await call).Message);
    }

    [Fact]
    public async Task Duplex_AgainstGrpcio_PingPong()
    {
        using var call = _client.Duplex(CallDeadline.In(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "p" + i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal("p" + i, call.ResponseStream.Current.Message);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Error_AgainstGrpcio_ChineseMessageDecoded()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.EchoAsync(new EchoRequest { FailWithCode = (int)StatusCode.PermissionDenied, FailMessage = "无权访问辖区 1401 的报告" },
                CallDeadline.In(TimeSpan.FromSeconds(10))));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("无权访问辖区 1401 的报告", ex.Status.Detail);
    }

    [Fact]
    public async Task Deadline_AgainstGrpcio_DeadlineExceeded()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.EchoAsync(new EchoRequest { DelayMs = 5000 }, CallDeadline.In(TimeSpan.FromMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Metadata_AgainstGrpcio_TextAndBinaryInHeadersAndTrailers()
    {
        var binary = new byte[] { 0, 1, 255 };
        using var call = _client.EchoAsync(new EchoRequest(),
            new CallOptions(new Metadata { { "x-echo-office", "1402" }, { "x-echo-blob-bin", binary } }, DateTime.UtcNow.AddSeconds(10)));

        await call;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("1402", headers.GetValue("x-echo-office"));
        Assert.Equal(binary, headers.GetValueBytes("x-echo-blob-bin"));
        Assert.Equal("1402", call.GetTrailers().GetValue("x-trailer-office"));
        Assert.Equal(binary, call.GetTrailers().GetValueBytes("x-trailer-blob-bin"));
    }

    [Fact]
    public async Task Gzip_AgainstGrpcio_RequestCompressedResponseDecompressed()
    {
        // grpc-dotnet compresses a call's request messages when this header names the encoding.
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var response = await _client.EchoAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200_000]) },
            CallDeadline.In(TimeSpan.FromSeconds(10), headers));
        var (encoding, firstByte) = await RawEchoEncodingAsync();

        Assert.Equal(200_000, response.Payload.Length);
        Assert.Equal("gzip", encoding);
        Assert.Equal(1, firstByte);
    }

    // What grpcio actually sent, read without our client: proves the response we decoded was compressed.
    private async Task<(string? Encoding, byte FirstByte)> RawEchoEncodingAsync()
    {
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        var body = GrpcFrames.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200_000]) });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_peer.Port}/oversight.testing.v1.EchoService/Echo")
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await http.SendAsync(request, timeout.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        return (response.Headers.TryGetValues("grpc-encoding", out var values) ? values.First() : null, bytes[0]);
    }
}
