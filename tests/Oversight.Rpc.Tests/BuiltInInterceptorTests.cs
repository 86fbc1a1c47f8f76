using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Rpc.Client;
using Oversight.Rpc.Interceptors;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

public class BuiltInInterceptorTests
{
    [Fact]
    public async Task CallLogging_FailedCall_LogsMethodAndStatusButNotMetadata()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), o => o.Interceptors.Add(typeof(CallLoggingInterceptor)), logger: logs);
        using var channel = GrpcChannel.ForAddress(server.Address);

        await Assert.ThrowsAsync<RpcException>(async () => await new EchoClient(channel).EchoAsync(
            new EchoRequest { FailWithCode = (int)StatusCode.NotFound },
            new CallOptions(new Metadata().Add("authorization", "Bearer sk-very-secret"))));

        var line = Assert.Single(logs.Entries, e => e.Category.EndsWith(nameof(CallLoggingInterceptor), StringComparison.Ordinal));
        Assert.Contains("/oversight.testing.v1.EchoService/Echo", line.Message, StringComparison.Ordinal);
        Assert.Contains("NotFound", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("sk-very-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallMetrics_Calls_CountedPerMethodAndStatus()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<EchoService>(), o => o.Interceptors.Add(typeof(CallMetricsInterceptor)));
        var counted = new List<(long Value, int Status)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CallMetricsInterceptor.MeterName && instrument.Name == "oversight.rpc.server.calls")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counted)
            {
                counted.Add((value, (int)tags.ToArray().Single(t => t.Key == "rpc.grpc.status_code").Value!));
            }
        });
        listener.Start();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new EchoClient(channel);

        await client.EchoAsync(new EchoRequest());
        await Assert.ThrowsAsync<RpcException>(async () => await client.EchoAsync(new EchoRequest { FailWithCode = 5 }));

        lock (counted)
        {
            Assert.Equal([(1L, 0), (1L, 5)], counted);
        }
    }
}
