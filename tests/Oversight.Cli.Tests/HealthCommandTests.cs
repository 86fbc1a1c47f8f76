using Microsoft.AspNetCore.Builder;
using Grpc.Core;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Testing;

namespace Oversight.Cli.Tests;

public class HealthCommandTests
{
    [Fact]
    public async Task Health_AllServing_ExitZeroAndTableSaysServing()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(a => a.MapGrpcHealthChecksService());
        var url = server.Address.ToString();
        using var output = new StringWriter();

        var exit = await CliApplication.RunAsync(["health", "--ingestion", url, "--metrics", url, "--compliance", url], output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(3, output.ToString().Split("SERVING").Length - 1);
        Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_OneServiceDown_ExitOneAndSaysUnavailable()
    {
        await using var server = await LoopbackGrpcServer.StartAsync(a => a.MapGrpcHealthChecksService());
        var url = server.Address.ToString();
        using var output = new StringWriter();

        var exit = await CliApplication.RunAsync(["health", "--ingestion", url, "--metrics", url, "--compliance", "http://127.0.0.1:1"], output,
            TextWriter.Null);

        Assert.Equal(1, exit);
        Assert.Contains("Unavailable", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Help_DescribesTheCommandInChinese()
    {
        using var output = new StringWriter();

        var exit = await CliApplication.RunAsync(["health", "--help"], output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("检查各服务是否在运行", output.ToString(), StringComparison.Ordinal);
    }
}
