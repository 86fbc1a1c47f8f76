using Oversight.Platform;
using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>The platform in this process on free ports, and the command line pointed at it.</summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private RunningPlatform(PlatformHost platform) => Platform = platform;

    public PlatformHost Platform { get; }

    public static async Task<RunningPlatform> StartAsync(bool samples) => new(await PlatformHost.StartAsync(
        ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={Directory.CreateTempSubdirectory("oversight-cli-").FullName}",
         $"--Platform:Samples={(samples ? RepositoryPaths.Combine("samples", "reports") : "")}"]));

    /// <summary>Runs `oversight ARGS --ingestion … --metrics … --compliance …` and returns its exit code and output.</summary>
    public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] servers = ["--ingestion", Platform.Addresses["ingestion"].ToString(), "--metrics", Platform.Addresses["metrics"].ToString(), "--compliance", Platform.Addresses["compliance"].ToString()];
        var exit = await CliApplication.RunAsync([.. args, .. servers], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public ValueTask DisposeAsync() => Platform.DisposeAsync();
}
