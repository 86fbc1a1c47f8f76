using Oversight.Rpc.Client;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

public class InterceptorTests
{
    [Fact]
    public async Task Interceptor_RejectsWithoutKey_UnauthenticatedAndServiceNeverRuns()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), o => o.Interceptors.Add(typeof(RequireKey)));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new EchoClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.EchoAsync(new EchoRequest { FailWithCode = -1 }));
        var ok = await client.EchoAsync(new EchoRequest { Message = "in" }, new CallOptions(new Metadata().Add("authorization", "Bearer good")));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal("缺少有效的 API 密钥", ex.Status.Detail);
        Assert.Equal("in", ok.Message);
    }

    [Fact]
    public async Task Interceptors_Order_OutermostFirstForEveryCallKind()
    {
        var log = new List<string>();
        await using var server = await LoopbackGrpcServer.StartAsync(
            e => e.MapGrpcService<EchoService>(),
            o =>
            {
                o.Interceptors.Add(typeof(First));
                o.Interceptors.Add(typeof(Second));
            },
            s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, log));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new EchoClient(channel);

        await client.EchoAsync(new EchoRequest());
        using var stream = client.ServerStream(new StreamRequest { Count = 1 });
        while (await stream.ResponseStream.MoveNext(CancellationToken.None))
        {
        }

        lock (log)
        {
            Assert.Equal(
                ["first:/oversight.testing.v1.EchoService/Echo", "second:/oversight.testing.v1.EchoService/Echo",
                 "first:/oversight.testing.v1.EchoService/ServerStream", "second:/oversight.testing.v1.EchoService/ServerStream"],
                log);
        }
    }

    public sealed class RequireKey : ServerInterceptor
    {
        public override Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next) =>
            context.RequestHeaders.GetValue("authorization") == "Bearer good"
                ? next(context)
                : throw new RpcException(StatusCode.Unauthenticated, "缺少有效的 API 密钥");
    }

    public sealed class First(List<string> log) : ServerInterceptor
    {
        public override Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
        {
            lock (log)
            {
                log.Add("first:" + context.Method);
            }
            return next(context);
        }
    }

    public sealed class Second(List<string> log) : ServerInterceptor
    {
        public override Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
        {
            lock (log)
            {
                log.Add("second:" + context.Method);
            }
            return next(context);
        }
    }
}
