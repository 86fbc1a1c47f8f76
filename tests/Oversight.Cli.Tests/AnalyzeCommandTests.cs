using System.Text.Json;
using Oversight.Testing;

namespace Oversight.Cli.Tests;

public class AnalyzeCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Analyze_ReportWithAnErrorFinding_ExitOneAndTheFindingShown()
    {
        var (exit, output, _) = await RunAsync("analyze", SampleReports.PathOf(SampleReports.Pulan));

        Assert.Equal(1, exit);
        Assert.Contains("SECTION_MISSING(first_responsible)", output, StringComparison.Ordinal);
        Assert.Contains("普兰县", output, StringComparison.Ordinal);
        Assert.Contains("admin_reconsideration.received", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ReportWithoutErrors_ExitZero()
    {
        var (exit, output, _) = await RunAsync("analyze", SampleReports.PathOf(SampleReports.Hunyuan), SampleReports.PathOf(SampleReports.Yungang));

        Assert.Equal(0, exit);
        Assert.Contains("SHORTFALLS_WITHOUT_CAUSES", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Json_OneDocumentPerFileWithVocabularyNames()
    {
        var (exit, output, _) = await RunAsync("analyze", "--json", SampleReports.PathOf(SampleReports.Hunyuan));

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("140225", root.GetProperty("metadata").GetProperty("jurisdictionCode").GetString());
        Assert.Equal("SHORTFALLS_WITHOUT_CAUSES", Assert.Single(root.GetProperty("findings").EnumerateArray()).GetProperty("code").GetString());
        var received = root.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("indicator").GetString() == "admin_reconsideration.received");
        Assert.Equal((47, "件", "exact"), (received.GetProperty("value").GetDouble(), received.GetProperty("unit").GetString(),
            received.GetProperty("qualifier").GetString()));
    }

    [Fact]
    public async Task Analyze_Expected_PerFieldAgreementAndEachMiss()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "ExpectedPages");

        var (exit, output, _) = await RunAsync("analyze", "--json", "--expected", Path.Combine(folder, "expected.json"), folder);

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("pages").GetInt32());
        Assert.Equal(["absent.txt"], root.GetProperty("notRead").EnumerateArray().Select(e => e.GetString()));
        var fields = root.GetProperty("fields");
        (int, int) Field(string name) => (fields.GetProperty(name).GetProperty("right").GetInt32(), fields.GetProperty(name).GetProperty("total").GetInt32());
        Assert.Equal((2, 2), Field("title"));
        Assert.Equal((2, 2), Field("reportType"));
        Assert.Equal((1, 2), Field("publishedDate"));
        Assert.Equal((1, 2), Field("jurisdiction"));
        Assert.Equal((2, 2), Field("level"));
        Assert.Equal((2, 2), Field("firstKind"));
        Assert.Equal((2, 2), Field("figures"));
        var misses = root.GetProperty("misses").EnumerateArray()
            .Select(m =>
                $"{m.GetProperty("file").GetString()} {m.GetProperty("field").GetString()} {m.GetProperty("expected").GetString()} " +
                $"{m.GetProperty("got").GetString()}");
        Assert.Equal(["missed.txt publishedDate 2025-03-01 -", "missed.txt jurisdiction 涞水县 (unresolved)"], misses);
    }

    [Fact]
    public async Task Analyze_ExpectedAsText_TableAndMissLines()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "ExpectedPages");

        var (_, output, _) = await RunAsync("analyze", "--expected", Path.Combine(folder, "expected.json"), folder);

        Assert.Contains("publishedDate", output, StringComparison.Ordinal);
        Assert.Contains("1/2", output, StringComparison.Ordinal);
        Assert.Contains("missed.txt | jurisdiction | 期望 涞水县 | 读到 (unresolved)", output, StringComparison.Ordinal);
        Assert.Contains("absent.txt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_FolderWithQuality_CountsPerFieldOnly()
    {
        var (_, output, _) = await RunAsync("analyze", "--quality", "--json", RepositoryPaths.Combine("samples", "reports"));

        using var json = JsonDocument.Parse(output);
        var quality = json.RootElement.GetProperty("quality");
        Assert.Equal((5, 0), (quality.GetProperty("pages").GetInt32(), quality.GetProperty("unreadable").GetInt32()));
        var fields = quality.GetProperty("fields");
        Assert.Equal(5, fields.GetProperty("title").GetInt32());
        Assert.Equal(5, fields.GetProperty("jurisdiction.resolved").GetInt32());
        Assert.Equal(3, fields.GetProperty("publishedAt").GetInt32());
        Assert.Equal(3, fields.GetProperty("first_responsible.dedicated").GetInt32()); // not 普兰县's (absent) nor 汾西县's (in passing)
    }

    [Fact]
    public async Task Analyze_Folder_EachReportThenTheQualityTable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "oversight-analyze-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(SampleReports.PathOf(SampleReports.Hunyuan), Path.Combine(folder, "a.txt"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "b.txt"), [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0E, 0x0F, 0x10]);
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.md"), "not a page");

            var (exit, output, _) = await RunAsync("analyze", folder);

            Assert.Equal(1, exit);
            Assert.Contains("浑源县", output, StringComparison.Ordinal);
            Assert.Contains("无法读取", output, StringComparison.Ordinal);
            Assert.Contains("读取质量", output, StringComparison.Ordinal);
            Assert.Contains("2 个页面, 1 个无法读取", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task Analyze_MissingFile_ExitTwoWithAMessageNotAStackTrace()
    {
        var (exit, _, error) = await RunAsync("analyze", "/no/such/report.txt");

        Assert.Equal(2, exit);
        Assert.StartsWith("错误 error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
