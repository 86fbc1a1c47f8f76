namespace Oversight.Compliance.Push;

public sealed class SubscriptionRow
{
    public string SubscriptionId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>The event types, comma-separated.</summary>
    public string EventTypes { get; set; } = "";
    public string Scope { get; set; } = "";
    public string Format { get; set; } = PushFormats.CloudEvents;
    public string Secret { get; set; } = "";
    public string State { get; set; } = SubscriptionStates.Active;
    public string PausedReason { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public string? FailingSince { get; set; }
    public string? LastDeliveredAt { get; set; }

    public IReadOnlyList<string> Types => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether this subscription gets an event: its type is subscribed and the jurisdiction lies inside the scope; a sweep
    /// over a wider scope reaches a narrower subscription too, which then sees only the bodies inside its own scope.
    /// </summary>
    public bool Wants(PushEventRow e) =>
        Types.Contains(e.EventType, StringComparer.Ordinal)
        && (e.Jurisdiction.StartsWith(Scope, StringComparison.Ordinal)
            || (e.EventType == PushEventTypes.SweepCompleted && Scope.StartsWith(e.Jurisdiction, StringComparison.Ordinal)));
}

public sealed class PushEventRow
{
    public long Seq { get; set; }
    public string EventId { get; set; } = "";
    public string EventType { get; set; } = "";

    /// <summary>The jurisdiction code the event is about (a sweep: its scope prefix).</summary>
    public string Jurisdiction { get; set; } = "";

    /// <summary>A report, finding or sweep id.</summary>
    public string Subject { get; set; } = "";
    public string OccurredAt { get; set; } = "";

    /// <summary>The event's data, JSON.</summary>
    public string Data { get; set; } = "";

    public static string NewId() => "evt_" + Guid.NewGuid().ToString("N")[..24];
}

public sealed class DeliveryRow
{
    public long Seq { get; set; }
    public string DeliveryId { get; set; } = "";
    public string SubscriptionId { get; set; } = "";
    public string EventId { get; set; } = "";
    public string Status { get; set; } = DeliveryStatuses.Pending;
    public int Attempts { get; set; }
    public string NextAttemptAt { get; set; } = "";
    public string LastError { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string? DeliveredAt { get; set; }

    // From the event and the subscription, for lists and scope checks.
    public string EventType { get; set; } = "";
    public string Jurisdiction { get; set; } = "";
    public string Scope { get; set; } = "";

    public static string NewId() => "dlv_" + Guid.NewGuid().ToString("N")[..24];
}
