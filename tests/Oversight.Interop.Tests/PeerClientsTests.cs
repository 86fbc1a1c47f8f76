using Microsoft.AspNetCore.Builder;
using Grpc.Core;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Testing;

namespace Oversight.Interop.Tests;

/// <summary>Independent gRPC clients (Python grpcio, Node grpc-js) against our Kestrel server.</summary>
public sealed class PeerClientsTests : IAsyncLifetime
{
    private static readonly string[] Scenarios =
        ["unary", "server_streaming", "client_streaming", "duplex", "error_chinese_message", "deadline", "metadata", "gzip", "large_message"];

    private LoopbackGrpcServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackGrpcServer.StartAsync(e =>
    {
        e.MapGrpcService<EchoGrpcService>();
        e.MapGrpcHealthChecksService();
        e.MapGrpcReflectionService();
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PythonGrpcioClient_EveryScenario_Passes()
    {
        using var folder = TempFolder.Create("oversight-echo-");
        var descriptor = InteropPeers.WriteEchoDescriptor(folder);

        var (exit, output, error) = await PeerProcess.RunAsync(InteropPeers.Python,
            [InteropPeers.PythonPeer, "client", "--target", $"127.0.0.1:{_server.Address.Port}", "--descriptor", descriptor], TimeSpan.FromMinutes(2));

        AssertScenarios(output, error, exit, [.. Scenarios, "unimplemented", "health"]);
    }

    [Fact]
    public async Task NodeGrpcJsClient_EveryScenarioAndReflection_Passes()
    {
        var (exit, output, error) = await PeerProcess.RunAsync(InteropPeers.Node,
            [InteropPeers.NodeClient, $"127.0.0.1:{_server.Address.Port}"], TimeSpan.FromMinutes(2));

        AssertScenarios(output, error, exit, [.. Scenarios, "reflection_v1", "reflection_v1alpha"]);
    }

    private static void AssertScenarios(string output, string error, int exit, string[] expected)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var scenario in expected)
        {
            Assert.True(lines.Contains("ok " + scenario), $"scenario {scenario} did not pass.\nstdout:\n{output}\nstderr:\n{error}");
        }
        Assert.True(exit == 0, $"peer exited {exit}.\nstdout:\n{output}\nstderr:\n{error}");
    }
}
