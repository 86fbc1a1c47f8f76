using Microsoft.Extensions.Logging;
using Oversight.Rpc.Client;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class StatusTests(EchoServerFixture fixture)
{
    [Fact]
    public async Task Unary_HandlerThrowsRpcException_ClientGetsCodeAndChineseMessage()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Echo.EchoAsync(new EchoRequest { FailWithCode = (int)StatusCode.InvalidArgument, FailMessage = "辖区代码格式错误 (JURISDICTION_CODE_MALFORMED): 请提供6位或9位行政区划代码 100%" }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("辖区代码格式错误 (JURISDICTION_CODE_MALFORMED): 请提供6位或9位行政区划代码 100%", ex.Status.Detail);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_MessagesThenStatusFromTrailers()
    {
        using var call = fixture.Echo.ServerStream(new StreamRequest { Count = 3, FailWithCode = (int)StatusCode.FailedPrecondition, FailMessage = "不是法治政府建设年度报告" });
        var received = 0;

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("不是法治政府建设年度报告", ex.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Unary_UnhandledException_InternalWithoutDetailsAndLogged()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Echo.EchoAsync(new EchoRequest { FailWithCode = -1, FailMessage = "boom" }));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.DoesNotContain("secret-internal-detail", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message.Contains("secret-internal-detail", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Call_UnknownMethod_Unimplemented()
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "oversight.testing.v1.EchoService", "NoSuchMethod", EchoRequest.Parser, EchoResponse.Parser);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Channel.AsyncUnaryCall(method, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("Method is unimplemented", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplexStreaming_UnknownMethodWhileWriting_EveryFailureIsTheServersUnimplemented()
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.DuplexStreaming, "oversight.testing.v1.EchoService", "NoSuchStream", EchoRequest.Parser, EchoResponse.Parser);
        using var call = fixture.Channel.AsyncDuplexStreamingCall(method, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
        var payload = new string('报', 16 * 1024);

        // The server answers before reading the body, so some write finds the stream already ended.
        var writes = await Record.ExceptionAsync(async () =>
        {
            for (var i = 0; i < 64; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Message = payload });
            }
            await call.RequestStream.CompleteAsync();
        });
        var read = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unimplemented, read.StatusCode);
        Assert.True(writes is null || writes is RpcException { StatusCode: StatusCode.Unimplemented }, writes?.ToString());
    }

    [Fact]
    public async Task Call_UnknownService_Unimplemented()
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "no.such.Service", "Echo", EchoRequest.Parser, EchoResponse.Parser);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Channel.AsyncUnaryCall(method, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("Service is unimplemented", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_NothingListening_Unavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new Testing.EchoClient(channel).EchoAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
