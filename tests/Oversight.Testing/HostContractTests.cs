using System.Net;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Xunit;

namespace Oversight.Testing;

/// <summary>What every service host must do; each host's test project has one sealed subclass.</summary>
public abstract class HostContractTests : IDisposable
{
    // The data folders of the hosts a test started; each test disposes its host before xunit disposes the class.
    private readonly List<TempFolder> _folders = [];

    public void Dispose() => _folders.ForEach(f => f.Dispose());

    protected abstract string Section { get; }

    protected abstract void Add(WebApplicationBuilder builder);

    protected abstract void Map(WebApplication app);

    /// <summary>Proto services the host serves besides health and reflection.</summary>
    protected abstract IReadOnlyList<string> ServiceNames { get; }

    [Fact]
    public async Task Host_StartedOnLoopback_ServesHealthForItselfAndEachService()
    {
        await using var host = await StartAsync();
        using var channel = GrpcChannel.ForAddress(host.Address);
        var health = new Health.HealthClient(channel);

        foreach (var service in ServiceNames.Prepend(""))
        {
            var response = await health.CheckAsync(new HealthCheckRequest { Service = service }, CallDeadline.In(TimeSpan.FromSeconds(10)));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    [Fact]
    public async Task Host_ReflectionSwitchedOff_ReflectionUnimplemented()
    {
        await using var host = await StartAsync(("Reflection", "false"));
        using var channel = GrpcChannel.ForAddress(host.Address);
        using var call = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(channel)
            .ServerReflectionInfo(CallDeadline.In(TimeSpan.FromSeconds(10)));
        // The server may answer before the request is written; then the write reports the server's status, or
        // CANCELLED when the answer reset the stream while the write was under way (seen once in CI). The call's own
        // status, read below, is what the test is about.
        var written = await Record.ExceptionAsync(async () =>
        {
            await call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
        });

        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(Grpc.Core.StatusCode.Unimplemented, ex.StatusCode);
        Assert.True(written is null or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Unimplemented or Grpc.Core.StatusCode.Cancelled },
            written?.ToString());
    }

    [Fact]
    public async Task Host_OneAddressFloodsConnections_ExtraClosedAndOthersServed()
    {
        await using var host = await StartAsync(("Connections:MaxConnectionsPerAddress", "20"), ("Connections:MaxConnections", "200"));
        using var flood = await ConnectionFlood.OpenAsync(host.Address, IPAddress.Parse("127.0.0.2"), 60);

        var closed = await flood.CountClosedAsync(TimeSpan.FromSeconds(5));

        // The first 20 are held (idle, waiting for the HTTP/2 preface); every one past them is closed at once.
        Assert.Equal(40, closed);
        using var channel = GrpcChannel.ForAddress(host.Address);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), CallDeadline.In(TimeSpan.FromSeconds(10)));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Host_ConnectionsOverHostLimit_ExtraClosed()
    {
        await using var host = await StartAsync(("Connections:MaxConnectionsPerAddress", "100"), ("Connections:MaxConnections", "30"));
        using var flood = await ConnectionFlood.OpenAsync(host.Address, IPAddress.Parse("127.0.0.3"), 50);

        var closed = await flood.CountClosedAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(20, closed);
    }

    private async Task<RunningHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration[$"{Section}:Endpoint:Address"] = "127.0.0.1";
        builder.Configuration[$"{Section}:Endpoint:Port"] = "0";
        var data = TempFolder.Create("oversight-host-");
        _folders.Add(data);
        builder.Configuration["Platform:DataDirectory"] = data.Path;
        builder.Configuration["Access:Open"] = "true";
        foreach (var (key, value) in settings)
        {
            builder.Configuration[$"{Section}:{key}"] = value;
        }
        Add(builder);
        return await RunningHost.StartAsync(builder, Map);
    }
}
