using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class CompressionAndContentTypeTests(EchoServerFixture fixture)
{
    private static readonly ByteString Compressible = ByteString.CopyFrom(new byte[200_000]);

    [Fact]
    public async Task Client_GzipRequests_ServerDecompresses()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { RequestCompression = MessageCompression.Gzip });

        var response = await new EchoClient(channel).EchoAsync(new EchoRequest { Payload = Compressible });

        Assert.Equal(Compressible.Length, response.Payload.Length);
    }

    [Fact]
    public async Task Server_GzipResponses_SentCompressedAndClientDecompresses()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), o => o.ResponseCompressionAlgorithm = MessageCompression.Gzip);
        var body = GrpcFrames.Frame(new EchoRequest { Payload = Compressible });

        var (response, bytes) = await RawCallAsync(server.Address, body, "application/grpc", r => r.Headers.TryAddWithoutValidation("grpc-accept-encoding", "gzip"));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var decoded = await new EchoClient(channel).EchoAsync(new EchoRequest { Payload = Compressible });

        Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, bytes[0]);
        Assert.True(bytes.Length < 10_000, $"compressed reply is {bytes.Length} bytes");
        Assert.Equal(Compressible.Length, decoded.Payload.Length);
    }

    [Fact]
    public async Task Server_UnsupportedRequestEncoding_UnimplementedWithAcceptedEncodings()
    {
        var body = GrpcFrames.Frame(new EchoRequest());

        var (response, _) = await RawCallAsync(fixture.Server.Address, body, "application/grpc", r => r.Headers.TryAddWithoutValidation("grpc-encoding", "snappy"));

        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    [InlineData("application/grpc+proto;foo=bar")]
    public async Task Server_GrpcContentTypeVariants_Accepted(string contentType)
    {
        var body = GrpcFrames.Frame(new EchoRequest { Message = "x" });

        var (response, _) = await RawCallAsync(fixture.Server.Address, body, contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Theory]
    [InlineData("application/grpc-web", "gRPC-Web")]
    [InlineData("application/grpc-web+proto", "gRPC-Web")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/grpc+json", "application/grpc+json")]
    public async Task Server_NonGrpcContentType_Refused415WithClearMessage(string contentType, string mentioned)
    {
        var (response, bytes) = await RawCallAsync(fixture.Server.Address, [], contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(mentioned, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_RequestWithoutTe_StillServed()
    {
        // Kestrel and grpc-js accept a missing te: trailers; our own client always sends it.
        var body = GrpcFrames.Frame(new EchoRequest { Message = "x" });

        var (response, _) = await RawCallAsync(fixture.Server.Address, body, "application/grpc");

        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public void IsGrpcContentType_Variants_OnlyGrpcAndGrpcProto()
    {
        Assert.True(GrpcProtocol.IsGrpcContentType("application/grpc"));
        Assert.True(GrpcProtocol.IsGrpcContentType("application/grpc+proto"));
        Assert.False(GrpcProtocol.IsGrpcContentType("application/grpc-web"));
        Assert.False(GrpcProtocol.IsGrpcContentType("application/grpcx"));
        Assert.False(GrpcProtocol.IsGrpcContentType("application/grpc+protobuf"));
        Assert.False(GrpcProtocol.IsGrpcContentType(null));
    }

    internal static async Task<(HttpResponseMessage Response, byte[] Body)> RawCallAsync(Uri server, byte[] body, string contentType, Action<HttpRequestMessage>? configure = null)
    {
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/oversight.testing.v1.EchoService/Echo"))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        configure?.Invoke(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await http.SendAsync(request, timeout.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        return (response, bytes);
    }
}
