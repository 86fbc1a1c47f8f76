using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>An independent client (@grpc/grpc-js, with the contracts loaded from protos/) sends a city key as metadata to each service and gets the same
/// answers; its reflection client lists what each host serves.</summary>
public sealed class PeerClientTests : IClassFixture<CityScopeTests.Fixture>
{
    private readonly CityScopeTests.Fixture _fixture;

    public PeerClientTests(CityScopeTests.Fixture fixture) => _fixture = fixture;

    [Fact]
    public async Task NodeGrpcJsClient_CityKey_ScopedAndRefusedLikeOurClient()
    {
        var stack = _fixture.Stack;
        string[] scenarios = ["no_key_unauthenticated", "wrong_key_unauthenticated", "list_limited_to_scope", "own_report_by_id", "other_report_by_id_denied",
            "admin_action_denied",
            "metrics_indicators_with_key", "metrics_no_key_unauthenticated",
            .. new[] { "ingestion", "metrics", "compliance" }.SelectMany(host => new[] { $"reflection_v1_{host}", $"reflection_v1alpha_{host}" })];

        var (exit, output, error) = await PeerProcess.RunAsync(InteropPeers.Node,
        [
            InteropPeers.NodeAccessClient, $"127.0.0.1:{stack.Addresses["ingestion"].Port}", $"127.0.0.1:{stack.Addresses["metrics"].Port}",
            $"127.0.0.1:{stack.Addresses["compliance"].Port}",
            _fixture.DatongKey, _fixture.Ids[SampleReports.Hunyuan], _fixture.Ids[SampleReports.Pulan], "1402",
        ], TimeSpan.FromMinutes(2));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var scenario in scenarios)
        {
            Assert.True(lines.Contains("ok " + scenario), $"scenario {scenario} did not pass.\nstdout:\n{output}\nstderr:\n{error}");
        }
        Assert.True(exit == 0, $"peer exited {exit}.\nstdout:\n{output}\nstderr:\n{error}");
    }
}
