using Oversight.Rpc.Client;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class MetadataTests(EchoServerFixture fixture)
{
    [Fact]
    public async Task Unary_TextAndBinaryMetadata_ReachServerAndComeBackAsHeadersAndTrailers()
    {
        var binary = new byte[] { 0, 1, 2, 250, 255 };
        var headers = new Metadata().Add("x-echo-caller", "city-office 1402").Add("x-echo-blob-bin", binary);
        using var call = fixture.Echo.EchoAsync(new EchoRequest { Message = "m" }, new CallOptions(headers));

        var response = await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Contains("x-echo-caller=city-office 1402", response.SeenMetadata);
        Assert.Contains("x-echo-blob-bin=" + Convert.ToHexString(binary), response.SeenMetadata);
        Assert.Equal("city-office 1402", responseHeaders.GetValue("x-echo-caller"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-echo-blob-bin"));
        Assert.Equal("city-office 1402", trailers.GetValue("x-trailer-caller"));
        Assert.Equal(binary, trailers.GetValueBytes("x-trailer-blob-bin"));
    }

    [Fact]
    public async Task Unary_ErrorWithTrailers_TrailersOnlyResponseCarriesThem()
    {
        var headers = new Metadata().Add("x-echo-trace", "abc");

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Echo.EchoAsync(new EchoRequest { FailWithCode = (int)StatusCode.NotFound, FailMessage = "未找到报告" }, new CallOptions(headers)));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("abc", ex.Trailers.GetValue("x-trailer-trace"));
    }

    [Fact]
    public void Metadata_NonAsciiTextValue_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name", "浑源县"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-name-bin", "text"));
    }

    [Fact]
    public void EncodeMessage_ChineseAndPercent_RoundTripsThroughPercentEncoding()
    {
        const string message = "缺少必需章节: first_responsible 100%\n";

        var encoded = GrpcProtocol.EncodeMessage(message);

        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(message, GrpcProtocol.DecodeMessage(encoded));
    }
}
