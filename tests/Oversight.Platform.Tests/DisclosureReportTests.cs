using Google.Protobuf;
using Grpc.Core;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Testing;

namespace Oversight.Platform.Tests;

/// <summary>The second report type end to end: the three services and sweeps of each type, on the platform's own wiring.</summary>
public class DisclosureReportTests
{
    private const string Disclosure = "information_disclosure";

    [Fact]
    public async Task DisclosureReports_ThroughTheThreeServicesAndSweeps_OwnFiguresDeadlineAndNotDisclosedPerType()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}"]);
        using var ingestionChannel = PlatformHostTests.AdminChannel(platform, "ingestion");
        using var metricsChannel = PlatformHostTests.AdminChannel(platform, "metrics");
        using var complianceChannel = PlatformHostTests.AdminChannel(platform, "compliance");
        var ingestion = new IngestionService.IngestionServiceClient(ingestionChannel);
        var metrics = new MetricsService.MetricsServiceClient(metricsChannel);
        var compliance = new ComplianceService.ComplianceServiceClient(complianceChannel);
        var late = SampleReports.DisclosureText.Replace("浑源", "灵丘", StringComparison.Ordinal).Replace("2025-01-24 10:15", "2025-02-10 09:00",
            StringComparison.Ordinal);

        var onTime = await ingestion.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFromUtf8(SampleReports.DisclosureText) });
        var lateOne = await ingestion.SubmitReportAsync(new SubmitReportRequest { Content = ByteString.CopyFromUtf8(late) });
        var ruleOfLaw2024 = await ingestion.SubmitReportAsync(new SubmitReportRequest
        {
            Content = ByteString.CopyFromUtf8(SampleReports.Text(SampleReports.Hunyuan)
                .Replace("2025", "2024", StringComparison.Ordinal).Replace("2026", "2025", StringComparison.Ordinal)),
        });

        // Ingestion: a report of its own type, beside the same body's rule-of-law report of the same year.
        Assert.Equal((Disclosure, "140225", 2024, "created"),
            (onTime.Metadata.ReportType, onTime.Metadata.JurisdictionCode, onTime.Metadata.ReportYear, onTime.Outcome));
        Assert.Equal(("rule_of_law", "140225", 2024, "created"),
            (ruleOfLaw2024.Metadata.ReportType, ruleOfLaw2024.Metadata.JurisdictionCode, ruleOfLaw2024.Metadata.ReportYear, ruleOfLaw2024.Outcome));
        Assert.NotEqual(onTime.ReportId, ruleOfLaw2024.ReportId);
        Assert.Equal(["disclosure_overview", "disclosure_proactive", "disclosure_requests", "disclosure_disputes", "disclosure_problems", "other_matters"],
            onTime.SectionKinds);

        // Metrics, through the outbox: the table figures and nothing else.
        var values = await WaitAsync(() => metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = onTime.ReportId }).ResponseAsync);
        Assert.Equal(14, values.Values.Count);
        Assert.All(values.Values, v => Assert.StartsWith("disclosure.", v.Indicator, StringComparison.Ordinal));
        Assert.Equal(21, values.Values.Single(v => v.Indicator == "disclosure.requests_received").Value);
        await WaitAsync(() => metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = lateOne.ReportId }).ResponseAsync);
        var byParent = await metrics.QueryAggregatesAsync(new QueryAggregatesRequest
        {
            Indicators = { "disclosure.requests_received" }, JurisdictionPrefix = "1402", ReportYear = 2024, GroupBy = AggregateGrouping.Parent,
        });
        var datong = Assert.Single(byParent.Rows);
        Assert.Equal((42.0, 2L, "件"), (datong.Sum, datong.ReportsStating, datong.Unit));

        // Compliance: the disclosure pack's parts and its January 31 deadline.
        Assert.Empty((await compliance.CheckReportAsync(new CheckReportRequest { ReportId = onTime.ReportId })).Findings);
        var lateFinding = Assert.Single((await compliance.CheckReportAsync(new CheckReportRequest { ReportId = lateOne.ReportId })).Findings);
        Assert.Equal(("DISCLOSURE_LATE", "national-disclosure", Disclosure), (lateFinding.Code, lateFinding.RulePackId, lateFinding.ReportType));

        // Sweeps per type: on February 2 the disclosure deadline has passed and the rule-of-law one has not.
        var disclosureSweep = await SweepAsync(compliance, 2024, new Date { Year = 2025, Month = 2, Day = 2 }, Disclosure);
        var ruleOfLawEarly = await SweepAsync(compliance, 2024, new Date { Year = 2025, Month = 2, Day = 2 }, "");
        var ruleOfLawLate = await SweepAsync(compliance, 2024, new Date { Year = 2025, Month = 4, Day = 2 }, "rule_of_law");

        Assert.Equal((Disclosure, 2L, 136L, 134L), (disclosureSweep.ReportType, disclosureSweep.Summary.ReportsChecked, disclosureSweep.Summary.BodiesExpected,
            disclosureSweep.Summary.BodiesWithoutReport));
        Assert.Equal(134, disclosureSweep.Summary.ByCode.Single(c => c.Code == "NOT_DISCLOSED").Count);
        Assert.Equal(("rule_of_law", 1L, 135L), (ruleOfLawEarly.ReportType, ruleOfLawEarly.Summary.ReportsChecked, ruleOfLawEarly.Summary.BodiesWithoutReport));
        Assert.DoesNotContain(ruleOfLawEarly.Summary.ByCode, c => c.Code == "NOT_DISCLOSED");
        Assert.Equal(135, ruleOfLawLate.Summary.ByCode.Single(c => c.Code == "NOT_DISCLOSED").Count);
        // 灵丘县 published its disclosure report (late) and no rule-of-law report: flagged for the one type only.
        var lingqiu = Assert.Single((await compliance.ListFindingsAsync(new ListFindingsRequest
        {
            Code = "NOT_DISCLOSED", JurisdictionPrefix = "140224", ReportYear = 2024, PageSize = 100,
        })).Findings, f => f.JurisdictionCode == "140224");
        Assert.Equal("rule_of_law", lingqiu.ReportType);
        Assert.Contains("法治政府建设年度报告", lingqiu.Message, StringComparison.Ordinal);
        var disclosureMissing = (await compliance.ListFindingsAsync(new ListFindingsRequest
        {
            Code = "NOT_DISCLOSED", ReportType = Disclosure, JurisdictionPrefix = "140221", ReportYear = 2024, PageSize = 100,
        })).Findings;
        Assert.Contains("政府信息公开工作年度报告", Assert.Single(disclosureMissing, f => f.JurisdictionCode == "140221").Message, StringComparison.Ordinal);
        Assert.All(disclosureMissing, f => Assert.Equal(Disclosure, f.ReportType));
    }

    [Fact]
    public async Task RunSweep_UnknownReportType_InvalidArgument()
    {
        await using var data = Oversight.Testing.TempFolder.Create("oversight-platform-");
        await using var platform = await PlatformHost.StartAsync(
            ["--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", $"--Platform:DataDirectory={data.Path}"]);
        using var complianceChannel = PlatformHostTests.AdminChannel(platform, "compliance");
        var compliance = new ComplianceService.ComplianceServiceClient(complianceChannel);

        var sweep = await Assert.ThrowsAsync<RpcException>(() => SweepAsync(compliance, 2024, new Date { Year = 2025, Month = 2, Day = 2 }, "budget"));
        var list = await Assert.ThrowsAsync<RpcException>(() => compliance.ListFindingsAsync(new ListFindingsRequest { ReportType = "budget" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "REPORT_TYPE_INVALID"), (sweep.StatusCode, Oversight.ServiceDefaults.Errors.ServiceError.ReasonOf(sweep)));
        Assert.Equal(StatusCode.InvalidArgument, list.StatusCode);
        Assert.Contains("information_disclosure", sweep.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await compliance.ListSweepsAsync(new ListSweepsRequest())).Sweeps);
    }

    private static async Task<Sweep> SweepAsync(ComplianceService.ComplianceServiceClient compliance, int year, Date asOf, string type)
    {
        using var call = compliance.RunSweep(new RunSweepRequest { ReportYear = year, AsOf = asOf, ScopePrefix = "1402", ReportType = type });
        Sweep? done = null;
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            done = item.Completed ?? done;
        }
        return done!;
    }

    private static Task<T> WaitAsync<T>(Func<Task<T>> call)
        where T : class =>
        Eventually.FoundAsync(call, TimeSpan.FromSeconds(20), "the call to find what it asks for");
}
