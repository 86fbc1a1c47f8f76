using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>The README's command-line tour against a running platform (in this process, on free ports).</summary>
public sealed class TourTests : IAsyncLifetime
{
    private RunningPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await RunningPlatform.StartAsync(samples: false);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => _platform.RunAsync(args);

    [Fact]
    public async Task Tour_IngestFolderListFindingsQueryMetricsRunSweep()
    {
        var ingest = await RunAsync("ingest", RepositoryPaths.Combine("samples", "reports"));
        Assert.True(ingest.Exit == 0, ingest.Output + ingest.Error);
        Assert.Contains("新增 created 5", ingest.Output, StringComparison.Ordinal);

        // The outbox delivers to compliance and metrics in the background; wait (bounded) until both have all five.
        await Eventually.UntilAsync(
            () => RunAsync("findings", "list", "--json"),
            findings => findings.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 10, TimeSpan.FromSeconds(30), "ten findings listed");
        var datong = await RunAsync("findings", "list", "--prefix", "1402", "--code", "DISCLOSURE_DATE_UNKNOWN");
        Assert.Contains("云冈镇", datong.Output, StringComparison.Ordinal);

        var metrics = await Eventually.UntilAsync(
            () => RunAsync("metrics", "query", "--indicator", "legal_aid.cases", "--prefix", "1402", "--year", "2025", "--group-by", "jurisdiction", "--csv"),
            m => m.Output.Contains("140225", StringComparison.Ordinal) && m.Output.Contains("140214,", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "浑源县 and 云冈区 in the query");
        Assert.Contains("140225,浑源县,legal_aid.cases,件,112,112,112,112,1,0", metrics.Output, StringComparison.Ordinal);
        Assert.Contains("140214,云冈区,legal_aid.cases,件,249,249,249,249,1,0", metrics.Output, StringComparison.Ordinal);

        var sweep = await RunAsync("sweep", "run", "--year", "2025", "--prefix", "1402", "--as-of", "2026-04-02");
        Assert.True(sweep.Exit == 0, sweep.Output + sweep.Error);
        Assert.Contains("NOT_DISCLOSED", sweep.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_BadFilter_ExitTwoWithTheServersMessage()
    {
        var (exit, _, error) = await RunAsync("findings", "list", "--severity", "fatal");

        Assert.Equal(2, exit);
        Assert.Contains("InvalidArgument", error, StringComparison.Ordinal);
        Assert.Contains("fatal", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waive_WithoutReason_RefusedByTheParser()
    {
        var (exit, _, _) = await RunAsync("findings", "waive", "f_x");

        Assert.NotEqual(0, exit);
    }
}
