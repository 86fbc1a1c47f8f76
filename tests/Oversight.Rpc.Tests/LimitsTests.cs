using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

public class LimitsTests
{
    [Fact]
    public async Task Server_RequestOverReceiveLimit_ResourceExhausted()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), o => o.MaxReceiveMessageSize = 64 * 1024);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new EchoClient(channel).EchoAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Client_ResponseOverReceiveLimit_ResourceExhausted()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>());
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new EchoClient(channel).EchoAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[5000]) }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Server_GzipBombOverLimit_ResourceExhausted()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), o => o.MaxReceiveMessageSize = 64 * 1024);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { RequestCompression = MessageCompression.Gzip });

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new EchoClient(channel).EchoAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[1_000_000]) }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ClientStream_PausesLongerThanKestrelsDataRateGrace_NotCut()
    {
        // Kestrel would abort a request body slower than MinRequestBodyDataRate after its grace period.
        var builderHook = (Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>)(k =>
            k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(1000, TimeSpan.FromSeconds(1.5)));
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), configureKestrel: builderHook);
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new EchoClient(channel).ClientStream();

        await call.RequestStream.WriteAsync(new EchoRequest { Message = "a" });
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "b" });
        await call.RequestStream.CompleteAsync();

        Assert.Equal("2:0:b", (await call).Message);
    }
}
