using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.WebConsole.Features.Sweeps;

/// <summary>
/// Sweeps started from this console. RunSweep streams a sweep's progress to its caller and a sweep whose caller goes away
/// is interrupted, so the console stays that caller: it follows the stream in the background, with the key of the person
/// who started it, until the sweep ends (or the console stops), and keeps the latest progress for the sweep's page.
/// </summary>
public sealed class SweepRuns(IOptions<ConsoleOptions> options, ClientTransport transport, IHostApplicationLifetime lifetime, ILogger<SweepRuns> log)
{
    // How long a start waits for the sweep's first event (its id) before sending the person to the list of runs.
    private static readonly TimeSpan FirstEvent = TimeSpan.FromSeconds(10);

    // Longer than any sweep: the services' default stream deadline (30 minutes) would cut a national sweep short.
    private static readonly TimeSpan SweepDeadline = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, SweepProgress> _running = new(StringComparer.Ordinal);

    /// <summary>The latest progress of a sweep this console follows, or null (not started here, or ended).</summary>
    public SweepProgress? Progress(string sweepId) => _running.GetValueOrDefault(sweepId);

    /// <summary>
    /// Starts the sweep with <paramref name="key"/> and answers its id once the first event names it; null when none came
    /// within a few seconds (the sweep runs on). A refusal (role, scope, request) is thrown as the service's RpcException.
    /// </summary>
    public async Task<string?> StartAsync(string key, RunSweepRequest request, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(() => FollowAsync(key, request, started), CancellationToken.None);
        try
        {
            return await started.Task.WaitAsync(FirstEvent, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task FollowAsync(string key, RunSweepRequest request, TaskCompletionSource<string?> started)
    {
        string? id = null;
        try
        {
            using var channel = ServiceChannel.For(options.Value.Compliance, () => key, transport);
            using var call = new ComplianceService.ComplianceServiceClient(channel)
                .RunSweep(request, CallDeadline.In(SweepDeadline, cancellationToken: lifetime.ApplicationStopping));
            await foreach (var e in call.ResponseStream.ReadAllAsync(lifetime.ApplicationStopping))
            {
                id = e.Progress?.SweepId ?? e.Completed?.SweepId ?? id;
                if (e.Progress is { } progress)
                {
                    _running[progress.SweepId] = progress;
                }
                started.TrySetResult(id);
            }
            started.TrySetResult(id);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            // Before the first event this is the refusal the person sees; after it the sweep's own page says how it ended.
            if (!started.TrySetException(ex))
            {
                ConsoleLog.SweepLost(log, id ?? "", ex.Message);
            }
        }
        finally
        {
            if (id is not null)
            {
                _running.TryRemove(id, out _);
            }
        }
    }
}
