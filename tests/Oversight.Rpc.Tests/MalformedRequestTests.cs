using System.Net;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class MalformedRequestTests(EchoServerFixture fixture)
{
    [Fact]
    public async Task Unary_TwoMessages_Internal()
    {
        var one = GrpcFrames.Frame(new EchoRequest { Message = "a" });

        var (response, _) = await CompressionAndContentTypeTests.RawCallAsync(fixture.Server.Address, [.. one, .. one], "application/grpc");

        Assert.Equal("13", Status(response));
    }

    [Fact]
    public async Task Unary_NoMessage_Internal()
    {
        var (response, _) = await CompressionAndContentTypeTests.RawCallAsync(fixture.Server.Address, [], "application/grpc");

        Assert.Equal("13", Status(response));
    }

    [Fact]
    public async Task Unary_TruncatedMessage_Internal()
    {
        var one = GrpcFrames.Frame(new EchoRequest { Message = "abcdef" });

        var (response, _) = await CompressionAndContentTypeTests.RawCallAsync(fixture.Server.Address, one[..^2], "application/grpc");

        Assert.Equal("13", Status(response));
    }

    [Fact]
    public async Task Unary_NotProtobuf_Internal()
    {
        byte[] garbage = [0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF];

        var (response, _) = await CompressionAndContentTypeTests.RawCallAsync(fixture.Server.Address, garbage, "application/grpc");

        Assert.Equal("13", Status(response));
    }

    [Fact]
    public async Task NonGrpcRequest_UnknownPath_PassesThroughTo404()
    {
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.Address, "/index.html")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.SendAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Status(HttpResponseMessage response) =>
        response.Headers.TryGetValues("grpc-status", out var values) ? values.Single() : response.TrailingHeaders.GetValues("grpc-status").Single();
}
