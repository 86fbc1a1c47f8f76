using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;
using Xunit;

namespace Oversight.Testing;

/// <summary>What every service host must do; each host's test project has one sealed subclass.</summary>
public abstract class HostContractTests
{
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
        var health = new HealthClient(channel);

        foreach (var service in ServiceNames.Prepend(""))
        {
            var response = await health.CheckAsync(new HealthCheckRequest { Service = service }, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    [Fact]
    public async Task Host_ReflectionSwitchedOff_ReflectionUnimplemented()
    {
        await using var host = await StartAsync(("Reflection", "false"));
        using var channel = GrpcChannel.ForAddress(host.Address);
        var method = Oversight.Rpc.Method<Grpc.Reflection.V1.ServerReflectionRequest, Grpc.Reflection.V1.ServerReflectionResponse>
            .FromDescriptor(Oversight.Rpc.Reflection.ReflectionService.Descriptor.Methods[0]);
        using var call = channel.AsyncDuplexStreamingCall(method, CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
        // The server may answer before the request is written; then the write reports the server's status.
        var written = await Record.ExceptionAsync(async () =>
        {
            await call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
        });

        var ex = await Assert.ThrowsAsync<Oversight.Rpc.RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(Oversight.Rpc.StatusCode.Unimplemented, ex.StatusCode);
        Assert.True(written is null or Oversight.Rpc.RpcException { StatusCode: Oversight.Rpc.StatusCode.Unimplemented }, written?.ToString());
    }

    private async Task<RunningHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration[$"{Section}:Endpoint:Address"] = "127.0.0.1";
        builder.Configuration[$"{Section}:Endpoint:Port"] = "0";
        builder.Configuration["Platform:DataDirectory"] = Directory.CreateTempSubdirectory("oversight-host-").FullName;
        builder.Configuration["Access:Open"] = "true";
        foreach (var (key, value) in settings)
        {
            builder.Configuration[$"{Section}:{key}"] = value;
        }
        Add(builder);
        return await RunningHost.StartAsync(builder, Map);
    }
}
