using Google.Protobuf.WellKnownTypes;
using Oversight.Contracts.Push.V1;
using Oversight.Fetching.Outbound;

namespace Oversight.Compliance.Push;

/// <summary>Stored rows as contract messages: never a secret, and a URL without its query (a bot's key sits there).</summary>
public static class PushMessages
{
    public static Subscription ToMessage(SubscriptionRow row)
    {
        var message = new Subscription
        {
            SubscriptionId = row.SubscriptionId, Name = row.Name, Url = WithoutQuery(row.Url), Scope = row.Scope, Format = row.Format,
            State = row.State, PausedReason = row.PausedReason, CreatedAt = Time(row.CreatedAt), CreatedBy = row.CreatedBy,
            FailingSince = Time(row.FailingSince), LastDeliveredAt = Time(row.LastDeliveredAt),
        };
        message.EventTypes.AddRange(row.Types);
        return message;
    }

    public static Delivery ToMessage(DeliveryRow row) => new()
    {
        Sequence = row.Seq, DeliveryId = row.DeliveryId, SubscriptionId = row.SubscriptionId, EventId = row.EventId, EventType = row.EventType,
        Jurisdiction = row.Jurisdiction, Status = row.Status, Attempts = row.Attempts, LastError = row.LastError, CreatedAt = Time(row.CreatedAt),
        NextAttemptAt = row.Status == DeliveryStatuses.Pending ? Time(row.NextAttemptAt) : null, DeliveredAt = Time(row.DeliveredAt),
    };

    /// <summary>Why a target was refused by the outbound address policy, and where its network would be listed.</summary>
    public static string TargetRefused(OutboundAddressRefusedException refused) =>
        $"推送地址 {refused.Host} 被拒绝:{refused.Refusal}。如确需推送到该网段,请在 {PushExtensions.Section}:{nameof(PushOptions.AllowedNetworks)} 中列出";

    public static string WithoutQuery(string url) => url.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? url[..at] + "?…" : url;

    /// <summary>A caller's text in a message: at most 60 characters.</summary>
    public static string Shown(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static Timestamp? Time(DateTimeOffset? stored) => stored is { } instant ? Timestamp.FromDateTimeOffset(instant) : null;
}
