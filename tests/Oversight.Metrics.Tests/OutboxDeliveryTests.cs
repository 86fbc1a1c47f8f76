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
    private static async Task<ReportMetrics> WaitForMetricsAsync(MetricsStack stack, string reportId)
    {
        ReportMetrics? found = null;
        await WaitUntilAsync(async () =>
        {
            try
            {
                found = await stack.Metrics.GetReportMetricsAsync(new GetReportMetricsRequest { ReportId = reportId });
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        });
        return found!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
