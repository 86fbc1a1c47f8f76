using Google.Protobuf;
using Oversight.Rpc.Client;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class CallKindTests(EchoServerFixture fixture)
{
    [Fact]
    public async Task Unary_Echo_ReturnsTheMessage()
    {
        var response = await fixture.Echo.EchoAsync(new EchoRequest { Message = "法治政府建设年度报告" });

        Assert.Equal("法治政府建设年度报告", response.Message);
    }

    [Fact]
    public async Task ServerStreaming_ManyMessages_AllArriveInOrderThenOk()
    {
        using var call = fixture.Echo.ServerStream(new StreamRequest { Message = "m", Count = 50, PayloadSize = 1000 });
        var indexes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(response.Index);
        }

        Assert.Equal(Enumerable.Range(0, 50), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_ManyMessages_ServerSeesThemAll()
    {
        using var call = fixture.Echo.ClientStream();
        for (var i = 0; i < 100; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i, Payload = ByteString.CopyFrom(new byte[10]) });
        }
        await call.RequestStream.CompleteAsync();

        var response = await call;

        Assert.Equal("100:1000:m99", response.Message);
    }

    [Fact]
    public async Task DuplexStreaming_PingPong_EachRequestAnsweredBeforeTheNextIsSent()
    {
        using var call = fixture.Echo.Duplex();
        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "ping" + i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal("ping" + i, call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_LargeVolume_500MessagesOf64KiB_RoundTrip()
    {
        using var call = fixture.Echo.Duplex();
        var payload = ByteString.CopyFrom(new byte[64 * 1024]);
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                Assert.Equal(payload.Length, response.Payload.Length);
                count++;
            }
            return count;
        });
        for (var i = 0; i < 500; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = payload });
        }
        await call.RequestStream.CompleteAsync();

        Assert.Equal(500, await reading);
    }

    [Fact]
    public async Task Unary_ThreeMegabyteMessage_RoundTrips()
    {
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)i).ToArray());

        var response = await fixture.Echo.EchoAsync(new EchoRequest { Payload = payload });

        Assert.Equal(payload, response.Payload);
    }

    [Fact]
    public async Task Unary_250ConcurrentCallsOnOneChannel_AllSucceed()
    {
        var calls = Enumerable.Range(0, 250).Select(async i =>
        {
            var response = await fixture.Echo.EchoAsync(new EchoRequest { Message = i.ToString(System.Globalization.CultureInfo.InvariantCulture), DelayMs = 200 });
            return response.Message;
        });

        var results = await Task.WhenAll(calls);

        Assert.Equal(250, results.Distinct().Count());
    }
}
