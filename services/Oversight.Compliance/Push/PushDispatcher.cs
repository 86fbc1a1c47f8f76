using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Push;

/// <summary>
/// Sends due deliveries: different subscriptions in parallel, one subscription's in the order they were queued, each
/// failure retried after a delay that doubles (with jitter) up to MaxRetryDelay, and a subscription failing for longer
/// than PauseAfter paused (audited) instead of retried for ever. At least once: a crash between the send and the mark
/// sends again once the claim's lease ends, with the same event id and delivery id.
/// </summary>
public sealed class PushDispatcher(
    PushStore store, PushSender sender, IOptions<PushOptions> options, AuditLog audit, PushTelemetry telemetry, TimeProvider time,
        ILogger<PushDispatcher> logger)
    : BackgroundService
{
    /// <summary>The caller the audit log names for pauses the dispatcher makes.</summary>
    public static Caller Dispatcher { get; } = new("", "push", Roles.Service, "");

    private const int PerSubscription = 20;
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                PushLog.RoundFailed(logger, ex);
            }
            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One round: claims what is due now and sends it. Returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await store.ClaimAsync(now, now + options.Value.ClaimLease, PerSubscription, BatchSize,
            cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var events = (await store.GetEventsAsync(claimed.Select(c => c.EventId), cancellationToken)).ToDictionary(e => e.EventId, StringComparer.Ordinal);
        var subscriptions = (await store.GetSubscriptionsAsync([.. claimed.Select(c => c.SubscriptionId).Distinct(StringComparer.Ordinal)], cancellationToken))
            .ToDictionary(s => s.SubscriptionId, StringComparer.Ordinal);
        var attempted = 0;
        await Parallel.ForEachAsync(claimed.GroupBy(c => c.SubscriptionId), new ParallelOptions
        {
            MaxDegreeOfParallelism = 8,
            CancellationToken = cancellationToken
        },
            async (group, token) =>
            {
                if (!subscriptions.TryGetValue(group.Key, out var subscription))
                {
                    return; // deleted since the claim, with its deliveries
                }
                var queue = group.ToList();
                for (var i = 0; i < queue.Count; i++)
                {
                    Interlocked.Increment(ref attempted);
                    if (!await SendAsync(subscription, queue[i], events[queue[i].EventId], token))
                    {
                        // Those behind a failure wait for it: handed back now, held back by it until it goes through.
                        await store.ReleaseAsync(queue.Skip(i + 1).Select(d => d.DeliveryId), time.GetUtcNow(), CancellationToken.None);
                        return;
                    }
                }
            });
        return attempted;
    }

    private async Task<bool> SendAsync(SubscriptionRow subscription, DeliveryRow delivery, PushEventRow e, CancellationToken cancellationToken)
    {
        var error = await sender.SendAsync(subscription, e, delivery.DeliveryId, cancellationToken);
        var now = time.GetUtcNow();
        if (error is null)
        {
            await store.DeliveredAsync(delivery, now, CancellationToken.None);
            telemetry.Delivered(subscription.Format, e.EventType);
            return true;
        }
        telemetry.Failed(subscription.Format, e.EventType);
        PushLog.DeliveryFailed(logger, delivery.DeliveryId, e.EventType, subscription.SubscriptionId, delivery.Attempts + 1, error);
        var next = now + RetryDelay(delivery.Attempts + 1, options.Value.FirstRetryDelay, options.Value.MaxRetryDelay);
        var pauseAudit = audit.Entry(Dispatcher, AuditActions.SubscriptionPause, subscription.SubscriptionId, subscription.Scope,
            $"投递失败超过 {options.Value.PauseAfter.TotalDays:0.##} 天,已自动暂停;最后错误:{error}");
        var paused = await store.FailedAsync(delivery, error, now, next, now - options.Value.PauseAfter,
            pauseAudit, CancellationToken.None);
        if (paused)
        {
            telemetry.Paused();
            PushLog.SubscriptionPaused(logger, subscription.SubscriptionId, subscription.FailingSince ?? now);
        }
        return false;
    }

    /// <summary>
    /// The delay before attempt <paramref name="failures"/> + 1: first × 2^(failures − 1), plus up to half of that again
    /// at random (so receivers coming back are not hit by every sender at once), at most <paramref name="max"/>. Each
    /// delay below the cap is longer than the one before, jitter or not.
    /// </summary>
    public static TimeSpan RetryDelay(int failures, TimeSpan first, TimeSpan max)
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var jittered = doubled * (1 + (Random.Shared.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}
