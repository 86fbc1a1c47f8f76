using Grpc.Health.V1;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;

namespace Oversight.Platform.Tests;

public class PlatformHostTests
{
    [Fact]
    public async Task StartAsync_FreePorts_ThreeHostsEachServingOnItsOwnLoopbackPort()
    {
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={Directory.CreateTempSubdirectory("oversight-platform-").FullName}"]);

        Assert.Equal(["compliance", "ingestion", "metrics"], platform.Addresses.Keys.Order());
        Assert.Equal(3, platform.Addresses.Values.Select(a => a.Port).Distinct().Count());
        foreach (var address in platform.Addresses.Values)
        {
            Assert.Equal("127.0.0.1", address.Host);
            using var channel = GrpcChannel.ForAddress(address);
            var response = await new HealthClient(channel).CheckAsync(new HealthCheckRequest(), CallOptions.WithTimeout(TimeSpan.FromSeconds(10)));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    [Fact]
    public async Task PrintWelcome_Started_ListsEachServiceAddress()
    {
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={Directory.CreateTempSubdirectory("oversight-platform-").FullName}"]);
        using var output = new StringWriter();

        platform.PrintWelcome(output);

        foreach (var address in platform.Addresses.Values)
        {
            Assert.Contains(address.ToString(), output.ToString(), StringComparison.Ordinal);
        }
    }
}
