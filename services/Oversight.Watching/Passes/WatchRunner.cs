using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.Fetching.Outbound;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;
using Oversight.Watching.Discovery;
using Oversight.Watching.Politeness;
using Oversight.Watching.Storage;

namespace Oversight.Watching.Passes;

/// <summary>
/// One watch pass at a time: the registry's columns under a prefix, grouped by host; hosts read side by side (up to
/// <see cref="WatchingOptions.HostsInParallel"/>), each host's columns and articles one after another through its gate.
/// Hosts' failures carry over between passes; the pass's counts are stored when it starts and when it ends.
/// </summary>
public sealed class WatchRunner(
    RegistryColumns registry, PageFetcher fetcher, WatchStore store, IngestionService.IngestionServiceClient ingestion, IOptions<WatchingOptions> options,
    WatchTelemetry telemetry, TimeProvider time, ILogger<WatchRunner> logger)
{
    private readonly SemaphoreSlim _running = new(1, 1);

    // Each host's gate lives as long as the host: a pass that starts right after another still keeps the host's rate.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HostGate> _gates = new(StringComparer.Ordinal);

    public async Task<WatchPass> RunAsync(string prefix, CancellationToken cancellationToken)
    {
        if (!await _running.WaitAsync(0, cancellationToken))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.WatchRunning, "已有一次网站监测正在进行:请稍后用 watch status 查看结果", "").ToRpcException();
        }
        try
        {
            return await RunOnceAsync(prefix, cancellationToken);
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<WatchPass> RunOnceAsync(string prefix, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pass = new WatchPass
        {
            PassId = Guid.CreateVersion7().ToString("N"), StartedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()), Status = RunStatuses.Running,
            CodePrefix = prefix,
        };
        await store.SavePassAsync(pass, cancellationToken);
        var counters = new PassCounters();
        var polite = new PoliteFetcher(fetcher, _gates, settings, telemetry, time, counters);
        try
        {
            // robots.txt is read again each pass; failures carry over (from the store after a restart).
            foreach (var gate in _gates.Values)
            {
                gate.Robots = null;
            }
            foreach (var host in await store.HostsAsync(cancellationToken))
            {
                if (!_gates.ContainsKey(host.Host))
                {
                    polite.Gate(host.Host).Restore(host.Failures, host.Error, host.RetryAfter);
                }
            }
            var years = Years(settings);
            var columns = await registry.ListAsync(prefix, cancellationToken);
            var reader = new ColumnReader(polite, store, settings, counters, time);
            var articles = new ArticleWatch(polite, store, ingestion, settings, telemetry, counters, logger);
            var byHost = columns.GroupBy(c => PoliteFetcher.HostOf(c.Address)).ToList();
            await Parallel.ForEachAsync(byHost, new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, settings.HostsInParallel),
                CancellationToken = cancellationToken
            },
                async (host, token) =>
                {
                    foreach (var column in host)
                    {
                        counters.Column();
                        foreach (var link in await reader.ReadAsync(column, years, token))
                        {
                            await articles.WatchAsync(link, token);
                        }
                    }
                });
            pass.Status = RunStatuses.Completed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WatchingLog.PassFailed(logger, ex, pass.PassId);
            pass.Status = RunStatuses.Failed;
        }
        await SaveHostsAsync(polite, counters, CancellationToken.None);
        counters.CopyTo(pass);
        pass.FinishedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        await store.SavePassAsync(pass, CancellationToken.None);
        telemetry.Pass(pass.Status);
        WatchingLog.PassEnded(logger, pass.PassId, pass.Status, pass.Columns, pass.ReportsFound, pass.Submitted, pass.Fetched, pass.NotModified, pass.Failed);
        return pass;
    }

    // Hosts that failed are kept with their back-off (and reported once they are skipped); hosts that answered again are cleared.
    private async Task SaveHostsAsync(PoliteFetcher polite, PassCounters counters, CancellationToken cancellationToken)
    {
        foreach (var gate in polite.Gates)
        {
            if (gate.ConsecutiveFailures >= options.Value.FailuresBeforeSkip)
            {
                counters.HostSkipped();
                telemetry.HostFailing();
                WatchingLog.HostFailing(logger, gate.Host, gate.ConsecutiveFailures, gate.LastError, gate.RetryAfter);
            }
            await store.SaveHostAsync(gate.Host, gate.ConsecutiveFailures, gate.LastError, gate.RetryAfter, cancellationToken);
        }
    }

    /// <summary>The configured years, else last year and the year before (China time): reports due this spring and last.</summary>
    private IReadOnlySet<int> Years(WatchingOptions settings)
    {
        if (settings.Years.Count > 0)
        {
            return settings.Years.ToHashSet();
        }
        var year = time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        return new HashSet<int> { year - 1, year - 2 };
    }
}
