using Oversight.Testing;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Clients;
using Grpc.Core;

namespace Oversight.Cli.Tests;

/// <summary>The admin commands against a running platform that loaded the samples on first start.</summary>
public sealed class AdminCommandTests : IAsyncLifetime
{
    private RunningPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await RunningPlatform.StartAsync(samples: true);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => _platform.RunAsync(args);

    [Fact]
    public async Task ReportsListAndShow_TheSamples()
    {
        var list = await RunAsync("reports", "list", "--prefix", "1402");
        var id = list.Output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).First(c =>
            c.Length > 3 && c[3].Contains("140225", StringComparison.Ordinal))[1];
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
        using var folder = TempFolder.Create("oversight-pack-");
        var path = folder.Combine("shanxi.yaml");
        await File.WriteAllTextAsync(path,
            "packId: shanxi\nname: 山西省\nscopePrefix: \"14\"\nyearFrom: 2025\nsections:\n  - kind: highlights\n    missingSeverity: info\n");
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

    /// <summary>
    /// --expected-version: the version the edit was made on. The current one stores the edit; a stale one (another administrator
    /// saved meanwhile) is refused with PACK_VERSION_MISMATCH and stores nothing.
    /// </summary>
    [Fact]
    public async Task RulePacksUpsert_ExpectedVersion_StoredWhenCurrentRefusedWhenStale()
    {
        using var folder = TempFolder.Create("oversight-pack-");
        var first = folder.Combine("taiyuan.yaml");
        var second = folder.Combine("taiyuan-2.yaml");
        const string Pack = "packId: taiyuan\nname: 太原市\nscopePrefix: \"1401\"\nyearFrom: 2025\nsections:\n  - kind: highlights\n    missingSeverity: ";
        await File.WriteAllTextAsync(first, Pack + "info\n");
        await File.WriteAllTextAsync(second, Pack + "warning\n");

        var created = await RunAsync("rulepacks", "upsert", first, "--expected-version", "0");
        var updated = await RunAsync("rulepacks", "upsert", second, "--expected-version", "1");
        var stale = await RunAsync("rulepacks", "upsert", first, "--expected-version", "1");
        var negative = await RunAsync("rulepacks", "upsert", first, "--expected-version", "-1");
        var latest = await RunAsync("rulepacks", "show", "taiyuan");

        Assert.Equal("taiyuan v1: created", created.Output.Trim());
        Assert.Equal("taiyuan v2: updated", updated.Output.Trim());
        Assert.Equal(2, stale.Exit);
        Assert.Contains("FailedPrecondition", stale.Error, StringComparison.Ordinal);
        Assert.Contains("PACK_VERSION_MISMATCH", stale.Error, StringComparison.Ordinal);
        Assert.Contains("最新为第 2 版", stale.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, negative.Exit);
        Assert.Contains("--expected-version 须为 0 或正整数", negative.Error, StringComparison.Ordinal);
        Assert.Contains("\"version\": 2", latest.Output, StringComparison.Ordinal);
        Assert.Contains("warning", latest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_ImportAndList()
    {
        using var folder = TempFolder.Create("oversight-registry-");
        var path = folder.Combine("departments.csv");
        await File.WriteAllTextAsync(path,
            "code,name,level,parent_code,kind,must_report\n140225-sfj,浑源县司法局,department,140225,department,true\nbad,x,county,,government,true\n");

        var import = await RunAsync("registry", "import", path);
        var list = await RunAsync("registry", "list", "--prefix", "140225", "--level", "department");

        Assert.Equal(1, import.Exit);
        Assert.Contains("新增 1", import.Output, StringComparison.Ordinal);
        Assert.Contains("第 3 行 CODE_INVALID", import.Output, StringComparison.Ordinal);
        Assert.Contains("浑源县司法局", list.Output, StringComparison.Ordinal);
    }

    // The header, then 大同市's 2025 values: figures (浑源县 21, 云冈区 16, 云冈镇 9) and the task areas each covers (6, 9, 4).
    private const int Values = 21 + 16 + 9 + 6 + 9 + 4;

    [Fact]
    public async Task MetricsExport_Csv_EveryValueWithItsEvidence()
    {
        var export = await Eventually.UntilAsync(
            () => RunAsync("metrics", "export", "--prefix", "1402", "--year", "2025"),
            e => e.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 1 + Values, TimeSpan.FromSeconds(30),
            "every 2025 value of 大同市 exported");

        var lines = export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, export.Exit);
        Assert.StartsWith("report_id,revision,jurisdiction_code", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + Values, lines.Length);
        Assert.Contains(lines, l => l.Contains(",140225,2025,county,admin_reconsideration.received,47,,件,exact,true,\"47件\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MetricsExport_FormulaInReportText_WrittenAsTextNotAFormula()
    {
        // A report whose sentence opens with a spreadsheet formula: its excerpt must reach Excel as text.
        const string Formula = "=HYPERLINK(\"http://evil.example/\",\"详情\")";
        var text = SampleReports.Text(SampleReports.Hunyuan).Replace("截至2025年底,行政复议去年结转5件", Formula + "截至2025年底,行政复议去年结转5件", StringComparison.Ordinal);
        Assert.Contains(Formula, text, StringComparison.Ordinal);
        using var folder = TempFolder.Create("oversight-formula-");
        var path = folder.Combine("hunyuan-formula.txt");
        await File.WriteAllTextAsync(path, text);
        var ingest = await RunAsync("ingest", path);
        Assert.True(ingest.Exit == 0, ingest.Output + ingest.Error);

        var line = await Eventually.UntilAsync(
            async () => (await RunAsync("metrics", "export", "--prefix", "140225", "--year", "2025", "--indicator", "admin_reconsideration.received"))
                .Output.Split('\n').FirstOrDefault(l => l.Contains("HYPERLINK", StringComparison.Ordinal)),
            l => l is not null, TimeSpan.FromSeconds(30), "the formula's line exported");

        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"详情\"\")截至2025年底", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsCompareAndSweepList()
    {
        var compare = await Eventually.UntilAsync(
            () => RunAsync("metrics", "compare", "140225", "--indicator", "legal_aid.cases"),
            c => c.Output.Contains("112", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "浑源县's legal aid cases compared");
        await RunAsync("sweep", "run", "--year", "2025", "--prefix", "1402", "--as-of", "2026-03-15");
        var sweeps = await RunAsync("sweep", "list", "--year", "2025");

        Assert.Contains("2025", compare.Output, StringComparison.Ordinal);
        Assert.Contains("2026-03-15", sweeps.Output, StringComparison.Ordinal);
        Assert.Contains("completed", sweeps.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeJson_EachSeed_SameFindingsAndValuesAsTheServices()
    {
        using var ingestionChannel = _platform.AdminChannel("ingestion");
        using var complianceChannel = _platform.AdminChannel("compliance");
        using var metricsChannel = _platform.AdminChannel("metrics");
        var reports = (await new Oversight.Contracts.Ingestion.V1.IngestionService.IngestionServiceClient(ingestionChannel)
            .ListReportsAsync(new Oversight.Contracts.Ingestion.V1.ListReportsRequest { PageSize = 10 })).Reports;
        foreach (var seed in SampleReports.All)
        {
            var (_, output, _) = await RunAsync("analyze", "--json", SampleReports.PathOf(seed));
            using var json = System.Text.Json.JsonDocument.Parse(output);
            var code = json.RootElement.GetProperty("metadata").GetProperty("jurisdictionCode").GetString();
            var reportId = reports.Single(r => r.Metadata.JurisdictionCode == code).ReportId;
            var findings = (await new Oversight.Contracts.Compliance.V1.ComplianceService.ComplianceServiceClient(complianceChannel)
                .CheckReportAsync(new Oversight.Contracts.Compliance.V1.CheckReportRequest { ReportId = reportId })).Findings;
            var metrics = await WaitForMetricsAsync(metricsChannel, reportId);

            // The same messages, less what a service adds when it stores them (ids, revision, times).
            var parser = new Google.Protobuf.JsonParser(Google.Protobuf.JsonParser.Settings.Default);
            var offline = json.RootElement.GetProperty("findings").EnumerateArray().Select(f =>
                parser.Parse<Oversight.Contracts.Compliance.V1.Finding>(f.GetRawText()).ToString()).Order();
            var online = findings.Select(f =>
            {
                var c = f.Clone();
                c.FindingId = "";
                c.ReportId = "";
                c.Revision = 0;
                c.CreatedAt = null;
                return c.ToString();
            }).Order();
            Assert.Equal(online, offline);
            var offlineValues = json.RootElement.GetProperty("values").EnumerateArray().Select(v =>
                parser.Parse<Oversight.Contracts.Metrics.V1.MetricValue>(v.GetRawText()).ToString()).Order();
            var onlineValues = metrics.Values.Select(v => { var c = v.Clone(); c.ReportId = ""; c.Revision = 0; return c.ToString(); }).Order();
            Assert.Equal(onlineValues, offlineValues);
            var reportMessage = await new Oversight.Contracts.Ingestion.V1.IngestionService.IngestionServiceClient(ingestionChannel)
                .GetReportAsync(new Oversight.Contracts.Ingestion.V1.GetReportRequest { ReportId = reportId });
            Assert.Equal(reportMessage.Outline, parser.Parse<Oversight.Contracts.Ingestion.V1.ReportOutline>(
                json.RootElement.GetProperty("outline").GetRawText()));
        }
    }

    private static Task<Oversight.Contracts.Metrics.V1.ReportMetrics> WaitForMetricsAsync(Oversight.ServiceDefaults.Clients.ServiceChannel channel,
        string reportId) =>
        Eventually.FoundAsync(
            async () => await new Oversight.Contracts.Metrics.V1.MetricsService.MetricsServiceClient(channel)
                .GetReportMetricsAsync(new Oversight.Contracts.Metrics.V1.GetReportMetricsRequest { ReportId = reportId }),
            TimeSpan.FromSeconds(30), $"metrics of {reportId}");
}
