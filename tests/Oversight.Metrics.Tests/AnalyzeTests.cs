using Oversight.Analysis.Indicators;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Metrics.Tests;

public sealed class AnalyzeTests
{
    [Fact]
    public async Task AnalyzeReport_Seed_ValuesWithEvidenceInIngestionsOriginalText()
    {
        await using var stack = await MetricsStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Hunyuan);

        var analyzed = await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submitted.ReportId });
        var metrics = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = submitted.ReportId });
        var report = await stack.Ingestion.GetReportAsync(new GetReportRequest { ReportId = submitted.ReportId, View = ReportView.Full });

        Assert.Equal(("analyzed", 1, IndicatorCatalog.Default.Version), (analyzed.Outcome, analyzed.Revision, analyzed.CatalogVersion));
        // 21 figures, and the six task areas 浑源县's measures cover (one value each, 1, with its sentence).
        Assert.Equal(21, metrics.Values.Count(v => !TaskAreaValues.IsTaskArea(v.Indicator)));
        Assert.Equal(["task_area.government_functions", "task_area.rules_system", "task_area.decision_making", "task_area.law_enforcement",
            "task_area.dispute_resolution", "task_area.party_leadership"],
            metrics.Values.Where(v => TaskAreaValues.IsTaskArea(v.Indicator)).Select(v => v.Indicator));
        Assert.All(metrics.Values.Where(v => TaskAreaValues.IsTaskArea(v.Indicator)), v => Assert.Equal((1d, "项"), (v.Value, v.Unit)));
        Assert.Equal(analyzed.ValueCount, metrics.Values.Count);
        var received = Assert.Single(metrics.Values, v => v.Indicator == "admin_reconsideration.received");
        Assert.Equal((47d, "件", "exact", "47件", true), (received.Value, received.Unit, received.Qualifier, received.RawText, received.UsedInAggregate));
        Assert.Equal(("140225", 2025, "county"), (received.JurisdictionCode, received.ReportYear, received.Level));
        foreach (var value in metrics.Values)
        {
            Assert.Equal(report.OriginalText.Substring(value.Evidence.Span.Start, value.Evidence.Span.Length), value.Evidence.Excerpt);
        }
    }

    // 浑源县's report with one stated figure repeated inside its measures: the attack that made 266,000 values of 7.4 MB.
    private static string Repeated(int times) =>
        SampleReports.Text(SampleReports.Hunyuan).Replace("截至2025年底,", "截至2025年底," + string.Concat(Enumerable.Repeat("受理法律援助案件1件,", times)),
            StringComparison.Ordinal);

    [Fact]
    public async Task AnalyzeReport_OneFigureRepeatedIntoAMegabyte_BoundedAndFetchableInOneMessage()
    {
        await using var stack = await MetricsStack.StartAsync();
        var text = Repeated(35_000);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 1_000_000, 2_000_000);
        var submitted = await stack.SubmitAsync(SampleReports.Hunyuan, text: text);

        var analyzed = await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submitted.ReportId },
            deadline: DateTime.UtcNow.AddSeconds(60));
        // The default client: 4 MB the most it receives. Unbounded, this report's metrics were 45 MB.
        var metrics = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = submitted.ReportId });

        var figures = metrics.Values.Count(v => !TaskAreaValues.IsTaskArea(v.Indicator));
        Assert.Equal(MetricExtractor.DefaultMaxFigures, figures);
        Assert.Equal(analyzed.ValueCount, metrics.Values.Count);
        Assert.InRange(metrics.CalculateSize(), 0, 4 * 1024 * 1024);
    }

    [Fact]
    public async Task AnalyzeReport_MoreFiguresThanConfigured_FirstOnesStoredTruncationCounted()
    {
        await using var stack = await MetricsStack.StartAsync(new Dictionary<string, string?> { ["Metrics:MaxFiguresPerReport"] = "5" });
        using var truncations = new System.Diagnostics.Metrics.MeterListener();
        var counted = 0L;
        truncations.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "oversight.analysis.truncated")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        truncations.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        truncations.Start();
        var submitted = await stack.SubmitAsync(SampleReports.Hunyuan);

        await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submitted.ReportId });
        var metrics = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = submitted.ReportId });
        var all = MetricExtractor.Default.Extract(new Oversight.Analysis.ReportReader(Oversight.Analysis.Metadata.ShippedDivisions.Registry)
            .Read(new Oversight.Analysis.ReportInput(SampleReports.Bytes(SampleReports.Hunyuan), "text/plain")).Reading!);

        // Five of the 21, the first in the text, with the six task areas as before.
        var figures = metrics.Values.Where(v => !TaskAreaValues.IsTaskArea(v.Indicator)).ToList();
        Assert.Equal(5, figures.Count);
        Assert.All(figures, f => Assert.Contains((f.Indicator, f.Value, f.Evidence.Span.Start),
            all.Select(v => (v.Indicator, v.Value, v.Evidence.Span.Start))));
        Assert.True(figures.Max(f => f.Evidence.Span.Start) <= all.Skip(5).Min(v => v.Evidence.Span.Start));
        Assert.Equal(6, metrics.Values.Count(v => TaskAreaValues.IsTaskArea(v.Indicator)));
        Assert.True(Interlocked.Read(ref counted) >= 1);
    }

    [Fact]
    public async Task Start_NoFiguresAllowedPerReport_RefusedWithWhatToSet()
    {
        await using var folder = TempFolder.Create("oversight-metrics-");
        var directory = folder.Path;

        var ex = await Assert.ThrowsAsync<StartupRefusedException>(() =>
            ServiceHosts.StartAsync(Extensions.Section, b => b.AddMetrics(), app => app.MapMetrics(), directory,
            new Dictionary<string, string?> { ["Metrics:MaxFiguresPerReport"] = "0" }));

        Assert.Contains("MaxFiguresPerReport", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeReport_SameRevisionAgain_UnchangedAndForcedReplacesWithoutDuplicates()
    {
        await using var stack = await MetricsStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Fenxi);
        var request = new AnalyzeReportRequest { ReportId = submitted.ReportId, Revision = 1 };

        var first = await stack.Metrics.AnalyzeReportAsync(request);
        var again = await stack.Metrics.AnalyzeReportAsync(request);
        var forced = await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submitted.ReportId, Force = true });
        var metrics = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = submitted.ReportId });

        Assert.Equal(["analyzed", "unchanged", "reanalyzed"], new[] { first.Outcome, again.Outcome, forced.Outcome });
        Assert.Equal(first.ValueCount, metrics.Values.Count);
    }

    [Fact]
    public async Task AnalyzeReport_NewRevision_BecomesCurrentAndTheOldOneStaysReadable()
    {
        await using var stack = await MetricsStack.StartAsync();
        var first = await stack.SubmitAsync(SampleReports.Hunyuan);
        var edited = SampleReports.Text(SampleReports.Hunyuan).Replace("本年度新收47件", "本年度新收49件", StringComparison.Ordinal);
        var second = await stack.SubmitAsync(SampleReports.Hunyuan, text: edited);
        await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = first.ReportId, Revision = 1 });
        await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = first.ReportId, Revision = 2 });

        var current = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = first.ReportId });
        var old = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = first.ReportId, Revision = 1 });
        var aggregate = await stack.Metrics.QueryAggregatesAsync(new QueryAggregatesRequest { Indicators = { "admin_reconsideration.received" } });

        Assert.Equal((2, 2), (second.Revision, current.Revision));
        Assert.Equal(49, Assert.Single(current.Values, v => v.Indicator == "admin_reconsideration.received").Value);
        Assert.Equal(47, Assert.Single(old.Values, v => v.Indicator == "admin_reconsideration.received").Value);
        var row = Assert.Single(aggregate.Rows);
        Assert.Equal((49d, 1, 0), (row.Sum, row.ReportsStating, row.ReportsNotStating));
    }

    [Fact]
    public async Task AnalyzeReport_OlderRevisionAfterNewer_DoesNotTakeOverAsCurrent()
    {
        await using var stack = await MetricsStack.StartAsync();
        var first = await stack.SubmitAsync(SampleReports.Hunyuan);
        await stack.SubmitAsync(SampleReports.Hunyuan,
            text: SampleReports.Text(SampleReports.Hunyuan).Replace("本年度新收47件", "本年度新收49件", StringComparison.Ordinal));
        await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = first.ReportId, Revision = 2 });
        await stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = first.ReportId, Revision = 1 });

        var current = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = first.ReportId });

        Assert.Equal(2, current.Revision);
    }

    [Theory]
    [InlineData("", 0, StatusCode.InvalidArgument, "REPORT_ID_MISSING")]
    [InlineData("r", -1, StatusCode.InvalidArgument, "REVISION_INVALID")]
    [InlineData("no-such-report", 0, StatusCode.NotFound, "REPORT_NOT_FOUND")]
    public async Task AnalyzeReport_BadRequest_RefusedWithReason(string reportId, int revision, StatusCode code, string reason)
    {
        await using var stack = await MetricsStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = reportId, Revision = revision }).ResponseAsync);

        Assert.Equal((code, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
    }

    [Fact]
    public async Task Health_IngestionDown_IngestionNotServingFromHereWhileMetricsServes()
    {
        await using var stack = await MetricsStack.StartAsync();
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(stack.MetricsHost!.Address);
        var health = new global::Grpc.Health.V1.Health.HealthClient(channel);
        async Task<global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus> StatusAsync(string service) =>
            (await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(10))).Status;
        const string Ingestion = "oversight.ingestion.v1.IngestionService";
        const string Metrics = "oversight.metrics.v1.MetricsService";
        var before = await StatusAsync(Ingestion);

        await stack.IngestionHost.App.StopAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var after = await StatusAsync(Ingestion);
        var took = started.Elapsed;

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, before);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, after);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await StatusAsync(""));
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await StatusAsync(Metrics));
    }

    [Fact]
    public async Task AnalyzeReport_IngestionDown_UnavailableAndNothingStored()
    {
        await using var stack = await MetricsStack.StartAsync();
        var submitted = await stack.SubmitAsync(SampleReports.Pulan);
        await stack.IngestionHost.App.StopAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = submitted.ReportId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = submitted.ReportId }).ResponseAsync);

        Assert.Equal((StatusCode.Unavailable, "INGESTION_UNAVAILABLE"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal((StatusCode.NotFound, "METRICS_NOT_FOUND"), (missing.StatusCode, ServiceError.ReasonOf(missing)));
    }

    [Fact]
    public async Task AnalyzeReport_NoIngestionConfigured_FailedPrecondition()
    {
        await using var stack = await MetricsStack.StartAsync(new Dictionary<string, string?> { ["Metrics:Ingestion"] = "" });

        var ex = await Assert.ThrowsAsync<RpcException>(() => stack.Metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = "x" }).ResponseAsync);

        Assert.Equal((StatusCode.FailedPrecondition, "INGESTION_NOT_CONFIGURED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Theory]
    [InlineData("", 0, "REPORT_ID_MISSING")]
    [InlineData("r", -2, "REVISION_INVALID")]
    public async Task GetReportMetrics_BadRequest_InvalidArgument(string reportId, int revision, string reason)
    {
        await using var stack = await MetricsStack.StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = reportId, Revision = revision }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Fact]
    public async Task ListIndicators_Default_TheShippedCatalog()
    {
        await using var stack = await MetricsStack.StartAsync();

        var response = await stack.Metrics.ListIndicatorsAsync(new ListIndicatorsRequest());

        Assert.Equal(IndicatorCatalog.Default.Version, response.CatalogVersion);
        Assert.Equal(
            [
                .. IndicatorCatalog.Default.Indicators.Select(i => i.Id),
                .. global::Oversight.Analysis.TaskAreaCatalog.Default.Areas.Select(a => "task_area." + a.Id),
                .. TableFigureCatalog.Default.Rows.Select(r => r.Indicator).Distinct(),
            ],
            response.Indicators.Select(i => i.Id));
        var received = Assert.Single(response.Indicators, i => i.Id == "admin_reconsideration.received");
        Assert.Equal(("行政复议新收案件", "件"), (received.Name, received.Unit));
        Assert.NotEmpty(received.Patterns);
    }
}
