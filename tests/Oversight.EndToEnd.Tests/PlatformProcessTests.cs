using Oversight.Testing;

namespace Oversight.EndToEnd.Tests;

/// <summary>
/// The platform as a user runs it (its own process), driven by the `oversight` command line (another process), on
/// each database it can run on: one sealed subclass per storage, which adds the platform's storage settings.
/// </summary>
public abstract class PlatformProcessSuite : IAsyncLifetime
{
    /// <summary>The platform's command-line settings that choose its storage (none for the embedded default).</summary>
    protected virtual string[] Storage => [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task Platform_StartedAsAProcess_CliHealthReportsAllServing()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.Next()).ToArray();
        var platformDll = Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll");
        var cliDll = Path.Combine(AppContext.BaseDirectory, "oversight.dll");
        using var data = TempFolder.Create("oversight-e2e-");
        await using var platform = await PeerProcess.StartServerAsync("dotnet",
            [platformDll, $"--Platform:DataDirectory={data.Path}", $"--Ingestion:Endpoint:Port={ports[0]}",
             $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}", .. ServiceHosts.FreeHttpPorts, .. Storage],
            TimeSpan.FromSeconds(60), readyLine: "Oversight platform ready");

        var (exit, output, error) = await PeerProcess.RunAsync("dotnet",
            [cliDll, "health", "--ingestion", $"http://127.0.0.1:{ports[0]}", "--metrics", $"http://127.0.0.1:{ports[1]}", "--compliance",
                $"http://127.0.0.1:{ports[2]}"],
            TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, output + error + platform.StandardError);
        Assert.Equal(3, output.Split("SERVING").Length - 1);
    }

    // Kubernetes sends SIGTERM on every rollout and Ctrl+C sends SIGINT; each host's console lifetime takes the signal,
    // and the platform must then stop all three within the grace period (10 s) rather than wait for an exit that
    // the lifetime cancelled. It hung before, still serving minutes later.
    [DatabaseFact]
    public Task Platform_SigTerm_StopsWithinTheGracePeriodAndStartsAgainOnItsData() => SignalledAsync("TERM");

    [DatabaseFact]
    public Task Platform_CtrlC_StopsWithinTheGracePeriodAndStartsAgainOnItsData() => SignalledAsync("INT");

    private async Task SignalledAsync(string signal)
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.Next()).ToArray();
        using var data = TempFolder.Create("oversight-e2e-");
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll"), $"--Platform:DataDirectory={data.Path}",
            $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
            $"--Ingestion:Endpoint:Port={ports[0]}", $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}",
            .. ServiceHosts.FreeHttpPorts, .. Storage];
        await using var first = await PeerProcess.StartServerAsync("dotnet", arguments, TimeSpan.FromSeconds(90), readyLine: "Oversight platform ready");

        var (exit, took) = await first.SignalAsync(signal, TimeSpan.FromSeconds(15));

        Assert.True(exit == 0, $"exit {exit}: {first.StandardError}");
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
        // The same ports and data again: everything was released, and the samples stored before are there (not loaded twice).
        await using var second = await PeerProcess.StartServerAsync("dotnet", arguments, TimeSpan.FromSeconds(90), readyLine: "Oversight platform ready");
        Assert.Contains("浑源县", first.StartupOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("First start", second.StartupOutput, StringComparison.Ordinal);
    }

    // The CLI's long commands stop on SIGTERM too (a cron job or CI runner being stopped): the stream is cancelled,
    // the exit code says so (130) and what the server acknowledged stands.
    [DatabaseFact]
    public async Task Cli_IngestStoppedBySigTerm_ExitsCancelledPromptly()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.Next()).ToArray();
        using var data = TempFolder.Create("oversight-e2e-");
        await using var platform = await PeerProcess.StartServerAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll"), $"--Platform:DataDirectory={data.Path}",
             $"--Ingestion:Endpoint:Port={ports[0]}", $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}",
             .. ServiceHosts.FreeHttpPorts, .. Storage],
            TimeSpan.FromSeconds(90), readyLine: "Oversight platform ready");
        using var folder = TempFolder.Create("oversight-cli-ingest-");
        var seeds = SampleReports.All.Select(SampleReports.Text).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            await File.WriteAllTextAsync(folder.Combine($"{i:D5}.txt"), seeds[i % seeds.Length] + $"\n附:第{i}份。");
        }
        using var cli = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "oversight.dll"), "ingest", folder.Path, "--ingestion", $"http://127.0.0.1:{ports[0]}", "--key-file",
                data.Combine("admin.key")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = cli.StandardError.ReadToEndAsync();
        // Stopped once results are coming in: in the middle of the stream.
        var progress = "";
        using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (await cli.StandardOutput.ReadLineAsync(first.Token) is { } line)
            {
                progress = line;
                if (line.Contains("ingest", StringComparison.Ordinal) && !line.Contains(": 0/", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        var stdout = cli.StandardOutput.ReadToEndAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var (sent, _, why) = await PeerProcess.RunAsync("kill", ["-TERM", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(10));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await cli.WaitForExitAsync(wait.Token);

        Assert.True(sent == 0, why);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
        Assert.True(cli.ExitCode == 130, $"exit {cli.ExitCode} after '{progress}': {await stdout}{await stderr}");
        Assert.Contains("已取消", await stderr, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Platform_FirstStartAsAProcess_ReadmeTourWorksFromTheCommandLine()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.Next()).ToArray();
        var platformDll = Path.Combine(AppContext.BaseDirectory, "Oversight.Platform.dll");
        var cliDll = Path.Combine(AppContext.BaseDirectory, "oversight.dll");
        using var dataFolder = TempFolder.Create("oversight-e2e-");
        var data = dataFolder.Path;
        await using var platform = await PeerProcess.StartServerAsync("dotnet",
            [platformDll, $"--Platform:DataDirectory={data}", $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}",
             $"--Ingestion:Endpoint:Port={ports[0]}", $"--Metrics:Endpoint:Port={ports[1]}", $"--Compliance:Endpoint:Port={ports[2]}",
             .. ServiceHosts.FreeHttpPorts, .. Storage],
            TimeSpan.FromSeconds(90), readyLine: "Oversight platform ready");
        // The administrator key the first start printed and left in the data folder (the README's tour finds it in ./data).
        string[] servers = ["--ingestion", $"http://127.0.0.1:{ports[0]}", "--metrics", $"http://127.0.0.1:{ports[1]}", "--compliance",
            $"http://127.0.0.1:{ports[2]}", "--key-file", Path.Combine(data, "admin.key")];
        Task<(int Exit, string Output, string Error)> Cli(params string[] args) =>
            PeerProcess.RunAsync("dotnet", [cliDll, .. args, .. servers], TimeSpan.FromSeconds(60));

        var analyze = await Cli("analyze", SampleReports.PathOf(SampleReports.Pulan));
        var ingest = await Cli("ingest", RepositoryPaths.Combine("samples", "reports"));
        var findings = await Cli("findings", "list", "--prefix", "1402");
        var sweep = await Cli("sweep", "run", "--year", "2025", "--prefix", "1402", "--as-of", "2026-04-02");
        // Metrics analyses the samples through the outbox, in the background: ask again (bounded) until it has.
        var metrics = (Exit: 0, Output: "", Error: "");
        await Eventually.UntilAsync(async () =>
        {
            metrics = await Cli("metrics", "query", "--indicator", "legal_aid.cases", "--year", "2025", "--group-by", "jurisdiction", "--csv");
            return metrics.Output.Contains("浑源县,legal_aid.cases,件,112", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "metrics has analysed the samples delivered through the outbox");

        Assert.Contains("浑源县", platform.StartupOutput, StringComparison.Ordinal); // the first-start table
        Assert.Contains(File.ReadAllText(Path.Combine(data, "admin.key")).Trim(), platform.StartupOutput, StringComparison.Ordinal); // the key, shown once
        Assert.Equal(1, analyze.Exit);
        Assert.Contains("SECTION_MISSING(first_responsible)", analyze.Output, StringComparison.Ordinal);
        Assert.True(ingest.Exit == 0, ingest.Output + ingest.Error);
        Assert.Contains("重复 duplicate 5", ingest.Output, StringComparison.Ordinal);
        Assert.Equal(0, findings.Exit);
        Assert.Contains("SHORTFALLS_WITHOUT_CAUSES", findings.Output, StringComparison.Ordinal);
        Assert.Equal(0, sweep.Exit);
        Assert.Contains("NOT_DISCLOSED", sweep.Output, StringComparison.Ordinal);
        Assert.Equal(0, metrics.Exit);
        Assert.Contains("140225,浑源县,legal_aid.cases,件,112", metrics.Output, StringComparison.Ordinal);
    }

}

public sealed class SqlitePlatformProcessTests : PlatformProcessSuite;

/// <summary>
/// The platform on the PostgreSQL server OVERSIGHT_TEST_POSTGRES names, with its one setting (Storage:Postgres): each
/// service creates and migrates its own database "{Database}_{service}" on first start.
/// </summary>
[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresPlatformProcessTests : PlatformProcessSuite
{
    private readonly string _prefix = "oversight_e2e_" + Guid.NewGuid().ToString("N")[..10];

    protected override string[] Storage =>
    [
        "--Storage:Postgres=" +
            new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)) { Database = _prefix },
    ];

    public override async Task DisposeAsync()
    {
        foreach (var service in new[] { "ingestion", "metrics", "compliance" })
        {
            await PostgresTestDatabase.DropAsync($"{_prefix}_{service}");
        }
    }
}
