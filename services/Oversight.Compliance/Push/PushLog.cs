namespace Oversight.Compliance.Push;

internal static partial class PushLog
{
    [LoggerMessage(340, LogLevel.Warning, "Delivery {DeliveryId} of {EventType} to subscription {SubscriptionId} failed (attempt {Attempt}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string deliveryId, string eventType, string subscriptionId, int attempt, string error);

    [LoggerMessage(341, LogLevel.Warning, "Subscription {SubscriptionId} paused: its deliveries have failed since {FailingSince}")]
    public static partial void SubscriptionPaused(ILogger logger, string subscriptionId, string failingSince);

    [LoggerMessage(342, LogLevel.Error, "A push delivery round failed; the next poll tries again")]
    public static partial void RoundFailed(ILogger logger, Exception exception);
}
