using Oversight.Platform;
using Oversight.Testing;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.Cli.Tests;

/// <summary>The platform in this process on free ports, and the command line pointed at it.</summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private readonly TempFolder _data;

    private RunningPlatform(PlatformHost platform, TempFolder data)
    {
        Platform = platform;
        _data = data;
    }

    public PlatformHost Platform { get; }

    /// <summary>The platform, with the samples loaded or not, and <paramref name="settings"/> ("--Section:Key=value") on top.</summary>
    public static async Task<RunningPlatform> StartAsync(bool samples, params string[] settings)
    {
        var data = TempFolder.Create("oversight-cli-");
        return new(await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}",
             $"--Platform:Samples={(samples ? RepositoryPaths.Combine("samples", "reports") : "")}", .. settings]), data);
    }

    /// <summary>Runs `oversight ARGS --ingestion … --metrics … --compliance … --key-file …` (the platform's administrator key) and returns its exit code and
    /// output.</summary>
    public Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunWithKeyFileAsync(Platform.AdminKeyFile, args);

    /// <summary>The same with another key file (another caller).</summary>
    public async Task<(int Exit, string Output, string Error)> RunWithKeyFileAsync(string keyFile, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] servers = ["--ingestion", Platform.Addresses["ingestion"].ToString(), "--metrics", Platform.Addresses["metrics"].ToString(), "--compliance",
            Platform.Addresses["compliance"].ToString(), "--key-file", keyFile];
        var exit = await CliApplication.RunAsync([.. args, .. servers], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A channel to one of the services with the platform's administrator key.</summary>
    public Oversight.ServiceDefaults.Clients.ServiceChannel AdminChannel(string service)
    {
        var key = Oversight.Access.KeyFiles.Read(Platform.AdminKeyFile);
        return Oversight.ServiceDefaults.Clients.ServiceChannel.For(Platform.Addresses[service], () => key);
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        await _data.DisposeAsync();
    }
}
