using Oversight.Platform;
using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>The admin commands against a running platform that loaded the samples on first start.</summary>
public sealed class AdminCommandTests : IAsyncLifetime
{
    private PlatformHost _platform = null!;

    public async Task InitializeAsync() => _platform = await PlatformHost.StartAsync(
        ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={Directory.CreateTempSubdirectory("oversight-cli-").FullName}",
         $"--Platform:Samples={RepositoryPaths.Combine("samples", "reports")}"]);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] servers = ["--ingestion", _platform.Addresses["ingestion"].ToString(), "--metrics", _platform.Addresses["metrics"].ToString(), "--compliance", _platform.Addresses["compliance"].ToString()];
        var exit = await CliApplication.RunAsync([.. args, .. servers], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ReportsListAndShow_TheSamples()
    {
        var list = await RunAsync("reports", "list", "--prefix", "1402");
        var id = list.Output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).First(c => c.Length > 3 && c[3].Contains("140225", StringComparison.Ordinal))[1];
        var show = await RunAsync("reports", "show", id);
        var missing = await RunAsync("reports", "show", "no-such-report");

        Assert.Equal(0, list.Exit);
        Assert.Contains("云冈镇", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("普兰县", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.Exit);
        Assert.Contains("first_responsible", show.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("NotFound", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulePacks_ListValidateUpsert()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("oversight-pack-").FullName, "shanxi.yaml");
        await File.WriteAllTextAsync(path, "packId: shanxi\nname: 山西省\nscopePrefix: \"14\"\nyearFrom: 2025\nsections:\n  - kind: highlights\n    missingSeverity: info\n");
        var bad = Path.Combine(Path.GetDirectoryName(path)!, "bad.yaml");
        await File.WriteAllTextAsync(bad, "packId: bad\nname: x\nsections:\n  - kind: preface\n    missingSeverity: error\n");

        var list = await RunAsync("rulepacks", "list");
        var validate = await RunAsync("rulepacks", "validate", path);
        var upsert = await RunAsync("rulepacks", "upsert", path);
        var refused = await RunAsync("rulepacks", "validate", bad);

        Assert.Contains("datong", list.Output, StringComparison.Ordinal);
        Assert.Equal("shanxi v1: valid", validate.Output.Trim());
        Assert.Equal("shanxi v1: created", upsert.Output.Trim());
        Assert.Equal(2, refused.Exit);
        Assert.Contains("preface", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_ImportAndList()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("oversight-registry-").FullName, "departments.csv");
        await File.WriteAllTextAsync(path, "code,name,level,parent_code,kind,must_report\n140225-sfj,浑源县司法局,department,140225,department,true\nbad,x,county,,government,true\n");

        var import = await RunAsync("registry", "import", path);
        var list = await RunAsync("registry", "list", "--prefix", "140225", "--level", "department");

        Assert.Equal(1, import.Exit);
        Assert.Contains("新增 1", import.Output, StringComparison.Ordinal);
        Assert.Contains("第 3 行 CODE_INVALID", import.Output, StringComparison.Ordinal);
        Assert.Contains("浑源县司法局", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsCompareAndSweepList()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        (int Exit, string Output, string Error) compare;
        do
        {
            await Task.Delay(100, timeout.Token);
            compare = await RunAsync("metrics", "compare", "140225", "--indicator", "legal_aid.cases");
        }
        while (!compare.Output.Contains("112", StringComparison.Ordinal));
        await RunAsync("sweep", "run", "--year", "2025", "--prefix", "1402", "--as-of", "2026-03-15");
        var sweeps = await RunAsync("sweep", "list", "--year", "2025");

        Assert.Contains("2025", compare.Output, StringComparison.Ordinal);
        Assert.Contains("2026-03-15", sweeps.Output, StringComparison.Ordinal);
        Assert.Contains("completed", sweeps.Output, StringComparison.Ordinal);
    }
}
