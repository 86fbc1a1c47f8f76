using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;
using Oversight.Rpc.Health;
using Oversight.Rpc.Server;
using Oversight.Testing;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Oversight.Rpc.Tests;

public class HealthTests
{
    [Fact]
    public async Task Check_OverallAndMappedService_Serving()
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var health = new HealthClient(channel);

        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "oversight.testing.v1.EchoService" })).Status);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "no.Such" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_StatusChanges_StreamsEachChange()
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var registry = server.Services.GetRequiredService<HealthStatusRegistry>();
        using var call = new HealthClient(channel).Watch(new HealthCheckRequest { Service = "oversight.testing.v1.EchoService" });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, call.ResponseStream.Current.Status);
        registry.SetStatus("oversight.testing.v1.EchoService", ServingStatus.NotServing);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Watch_UnknownService_ServiceUnknownThenUpdates()
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = new HealthClient(channel).Watch(new HealthCheckRequest { Service = "later.Service" });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);
        server.Services.GetRequiredService<HealthStatusRegistry>().SetStatus("later.Service", ServingStatus.Serving);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, call.ResponseStream.Current.Status);
    }

    private static Task<LoopbackGrpcServer> StartAsync() => LoopbackGrpcServer.StartAsync(e =>
    {
        e.MapGrpcService<EchoService>();
        e.MapGrpcHealthService();
    });
}
