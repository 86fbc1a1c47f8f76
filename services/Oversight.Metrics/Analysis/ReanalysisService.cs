using Microsoft.Extensions.Options;
using Oversight.Metrics.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Metrics.Analysis;

/// <summary>
/// When the catalog version changes, every analysis made with another version is redone (values replaced,
/// never duplicated), current revisions first, a batch per round, at start and then every interval.
/// </summary>
public sealed class ReanalysisService(ReportAnalyzer analyzer, MetricStore store, IOptions<MetricsOptions> options, TimeProvider time,
    ILogger<ReanalysisService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RoundAsync(settings.ReanalysisBatchSize, stoppingToken) == settings.ReanalysisBatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                MetricsLog.ReanalysisRoundFailed(logger, ex);
            }
            await Task.Delay(settings.ReanalysisInterval, time, stoppingToken);
        }
    }

    /// <summary>Re-analyses one batch of stale analyses; returns how many were redone.</summary>
    public async Task<int> RoundAsync(int batchSize, CancellationToken cancellationToken)
    {
        var stale = await store.StaleAsync(analyzer.CatalogVersion, batchSize, cancellationToken);
        var done = 0;
        foreach (var analysis in stale)
        {
            try
            {
                await analyzer.AnalyzeAsync(analysis.ReportId, analysis.Revision, force: false, cancellationToken);
                done++;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable)
            {
                MetricsLog.ReanalysisWaiting(logger, stale.Count - done);
                return done;
            }
            catch (RpcException ex)
            {
                MetricsLog.ReanalysisSkipped(logger, analysis.ReportId, analysis.Revision, ex.Status.Detail);
            }
        }
        if (done > 0)
        {
            MetricsLog.Reanalysed(logger, done, analyzer.CatalogVersion);
        }
        return done;
    }
}
