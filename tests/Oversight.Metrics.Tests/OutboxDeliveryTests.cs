using Microsoft.Extensions.DependencyInjection;
using Oversight.Contracts.Metrics.V1;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Metrics.Tests;

/// <summary>Ingestion's outbox against the real metrics service, stopped and started again.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task Submit_MetricsUp_EveryReportAnalysedWithoutAnyoneAsking()
    {
        await using var stack = await MetricsStack.StartAsync(outbox: true);

        var ids = new List<string>();
        foreach (var seed in SampleReports.All)
        {
            ids.Add((await stack.SubmitAsync(seed)).ReportId);
        }

        foreach (var id in ids)
        {
            var metrics = await WaitForMetricsAsync(stack, id);
            Assert.NotEmpty(metrics.Values);
        }
    }

    [Fact]
    public async Task Submit_MetricsDown_AcceptedAndAnalysedOnceMetricsIsBack()
    {
        await using var stack = await MetricsStack.StartAsync(outbox: true);
        var port = stack.MetricsPort;
        await stack.StopMetricsAsync();

        var ids = new List<string>();
        foreach (var seed in SampleReports.All)
        {
            ids.Add((await stack.SubmitAsync(seed)).ReportId);
        }
        var outbox = stack.IngestionHost.Services.GetRequiredService<OutboxStore>();
        Assert.Equal(10, await outbox.PendingCountAsync(CancellationToken.None)); // metrics and compliance, five each

        await stack.StartMetricsAsync(port: port);

        foreach (var id in ids)
        {
            var metrics = await WaitForMetricsAsync(stack, id);
            Assert.Equal(1, metrics.Revision);
        }
        // Compliance has no address here, so only its five stay pending.
        await WaitUntilAsync(async () => await outbox.PendingCountAsync(CancellationToken.None) == 5);
    }

    // Bounded: fails after 20 s instead of hanging.
    private static Task<ReportMetrics> WaitForMetricsAsync(MetricsStack stack, string reportId) =>
        Eventually.FoundAsync(
            async () => await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = reportId }),
            TimeSpan.FromSeconds(20), $"metrics of {reportId}");

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(20), "the outbox to hold only compliance's notifications");
}
