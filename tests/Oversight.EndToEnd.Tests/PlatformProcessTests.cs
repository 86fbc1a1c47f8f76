using System.Net;
using System.Net.Sockets;
using Oversight.Testing;

namespace Oversight.EndToEnd.Tests;

/// <summary>The platform as a user runs it (its own process), driven by the `oversight` command line (another process).</summary>
public class PlatformProcessTests
{
    [Fact]
    public async Task Platform_StartedAsAProcess_CliHealthReportsAllServing()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort()).ToArray();
        var platformDll = Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll");
        var cliDll = Path.Combine(AppContext.BaseDirectory, "oversight.dll");
        await using var platform = await PeerProcess.StartServerAsync("dotnet",
            [platformDll, $"--Platform:DataDirectory={Directory.CreateTempSubdirectory("oversight-e2e-").FullName}", $"--Ingestion:Endpoint:Port={ports[0]}", $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}"],
            TimeSpan.FromSeconds(60), readyLine: "Oversight platform ready");

        var (exit, output, error) = await PeerProcess.RunAsync("dotnet",
            [cliDll, "health", "--ingestion", $"http://127.0.0.1:{ports[0]}", "--metrics", $"http://127.0.0.1:{ports[1]}", "--compliance", $"http://127.0.0.1:{ports[2]}"],
            TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, output + error + platform.StandardError);
        Assert.Equal(3, output.Split("SERVING").Length - 1);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
