using Microsoft.Extensions.Options;

namespace Oversight.Watching.Passes;

/// <summary>Runs a pass every Watching:Interval when Watching:Enabled (waits on the injected clock).</summary>
public sealed class WatchScheduler(WatchRunner runner, IOptions<WatchingOptions> options, TimeProvider time, ILogger<WatchScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.Interval, time, stoppingToken);
            try
            {
                await runner.RunAsync(options.Value.ScopePrefix, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A pass already running (started by hand) or the registry unreachable: the next interval tries again.
                WatchingLog.PassFailed(logger, ex, "scheduled");
            }
        }
    }
}
