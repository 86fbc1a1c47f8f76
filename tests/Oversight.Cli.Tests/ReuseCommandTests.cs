using Oversight.Testing;

namespace Oversight.Cli.Tests;

public sealed class ReuseCommandTests
{
    private static TempFolder CopyFolder()
    {
        var temp = TempFolder.Create("oversight-reuse-");
        var folder = temp.Path;
        File.Copy(SampleReports.PathOf(SampleReports.Hunyuan), Path.Combine(folder, "hunyuan.txt"));
        File.Copy(SampleReports.PathOf(SampleReports.Pulan), Path.Combine(folder, "pulan.txt"));
        var copy = ReportEdits.ReorderParagraphs(ReportEdits.ChangeFigures(ReportEdits.Rename(SampleReports.Text(SampleReports.Hunyuan), "浑源", "灵丘")));
        File.WriteAllText(Path.Combine(folder, "lingqiu.txt"), copy);
        return temp;
    }

    [Fact]
    public async Task ReuseFiles_FolderWithACopy_ThePairBothWaysAndNothingElse()
    {
        using var copied = CopyFolder();
        var folder = copied.Path;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApplication.RunAsync(["reuse", "files", folder], output, error);
        var lines = output.ToString().Split('\n');

        Assert.Equal(0, exit);
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(folder, "lingqiu.txt") + " (140224 2025) ← " + Path.Combine(folder, "hunyuan.txt")
            + " (140225 2025): other_body", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(folder, "hunyuan.txt") + " (140225 2025) ← ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("pulan.txt (", StringComparison.Ordinal));
        Assert.Contains("3 份报告 reports, 2 对 pairs", output.ToString(), StringComparison.Ordinal);
    }

    // Through the platform: the files ingested, the outbox brings them to compliance, the pair is listed and shown.
    [Fact]
    public async Task ReuseListAndShow_PlatformWithACopy_PairWithPassagesOfBoth()
    {
        using var copied = CopyFolder();
        await using var platform = await RunningPlatform.StartAsync(samples: false);
        var (ingested, _, ingestError) = await platform.RunAsync("ingest", copied.Path);
        Assert.True(ingested == 0, ingestError);

        var listed = "";
        await Eventually.UntilAsync(async () =>
        {
            listed = (await platform.RunAsync("reuse", "list", "--json")).Output;
            return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2;
        }, TimeSpan.FromSeconds(30), "both reports of the pair flagged");
        var findingId = System.Text.Json.JsonDocument.Parse(listed.Split('\n')[0]).RootElement.GetProperty("findingId").GetString()!;
        var (shown, output, _) = await platform.RunAsync("reuse", "show", findingId);
        var (table, tableOutput, _) = await platform.RunAsync("reuse", "list", "--year", "2025");

        Assert.Equal((0, 0), (shown, table));
        Assert.Contains("TEXT_REUSED_FROM_OTHER_BODY", tableOutput, StringComparison.Ordinal);
        Assert.Contains("2 对 pairs", tableOutput, StringComparison.Ordinal);
        Assert.Contains("灵丘", output, StringComparison.Ordinal);
        Assert.Contains("浑源", output, StringComparison.Ordinal);
    }
}
