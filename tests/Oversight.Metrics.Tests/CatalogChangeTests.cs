using Oversight.Analysis.Indicators;
using Oversight.Contracts.Metrics.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Metrics.Tests;

/// <summary>A province changes its catalog file: the service re-analyses what it analysed before, without duplicates.</summary>
public sealed class CatalogChangeTests : IDisposable
{
    // The catalog files of one test, deleted after it (xunit disposes the class once the test and its hosts are done).
    private readonly List<TempFolder> _catalogs = [];

    public void Dispose() => _catalogs.ForEach(f => f.Dispose());

    private const string Version1 = """
        version: "test-1"
        indicators:
          - id: legal_aid.cases
            name: 法律援助案件
            unit: 件
            cues: [{before: '法律援助案件[^,;:。]{0,4}$'}]
        """;

    private const string Version2 = Version1 + """

          - id: notarization.count
            name: 公证
            unit: 件
            cues: [{before: '公证[^,;:。]{0,4}$'}]
        """;

    private Dictionary<string, string?> Catalog(string yaml)
    {
        var folder = TempFolder.Create("oversight-catalog-");
        _catalogs.Add(folder);
        var path = folder.Combine("indicators.yaml");
        File.WriteAllText(path, yaml);
        return new() { ["Metrics:CatalogPath"] = path, ["Metrics:ReanalysisInterval"] = "00:00:00.200" };
    }

    [Fact]
    public async Task Start_NewCatalogVersion_EveryAnalysisRedoneOnceWithTheNewIndicators()
    {
        await using var stack = await MetricsStack.StartAsync(Catalog(Version1));
        var hunyuan = await stack.SubmitAsync(SampleReports.Hunyuan);
        var fenxi = await stack.SubmitAsync(SampleReports.Fenxi);
        foreach (var id in new[] { hunyuan.ReportId, fenxi.ReportId })
        {
            await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = id });
        }
        // One figure of the catalog; task-area coverage is stored beside it whatever the catalog.
        Assert.Single((await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = hunyuan.ReportId })).Values,
            v => !TaskAreaValues.IsTaskArea(v.Indicator));

        await stack.StopMetricsAsync();
        await stack.StartMetricsAsync(Catalog(Version2.Replace("test-1", "test-2", StringComparison.Ordinal)));
        var metrics = await WaitForVersionAsync(stack, hunyuan.ReportId, "test-2");
        var other = await WaitForVersionAsync(stack, fenxi.ReportId, "test-2");

        Assert.Equal([("legal_aid.cases", 112d), ("notarization.count", 103d)],
            metrics.Values.Where(v => !TaskAreaValues.IsTaskArea(v.Indicator)).Select(v => (v.Indicator, v.Value)).Order());
        Assert.Equal([("legal_aid.cases", 59d), ("notarization.count", 56d)],
            other.Values.Where(v => !TaskAreaValues.IsTaskArea(v.Indicator)).Select(v => (v.Indicator, v.Value)).Order());
        var unchanged = await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = hunyuan.ReportId, Revision = 1 });
        Assert.Equal("unchanged", unchanged.Outcome);
    }

    [Fact]
    public async Task Start_InvalidCatalogFile_RefusesToStartWithWhatToFix()
    {
        await using var stack = await MetricsStack.StartAsync();
        await stack.StopMetricsAsync();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            stack.StartMetricsAsync(Catalog("version: \"x\"\nindicators:\n  - id: BAD\n    name: x\n    unit: 件\n    cues: [{before: 'x'}]")));

        Assert.Contains("BAD", ex.Message, StringComparison.Ordinal);
    }

    // Bounded: fails after 20 s instead of hanging.
    private static Task<ReportMetrics> WaitForVersionAsync(MetricsStack stack, string reportId, string version) =>
        Eventually.UntilAsync(
            async () => await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = reportId }),
            metrics => metrics.CatalogVersion == version, TimeSpan.FromSeconds(20), $"{reportId} analysed with catalog {version}");
}
