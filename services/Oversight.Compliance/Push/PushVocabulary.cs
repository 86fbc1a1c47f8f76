namespace Oversight.Compliance.Push;

/// <summary>What can be subscribed to; the names travel as these strings in the contract and the events' types.</summary>
public static class PushEventTypes
{
    /// <summary>A report revision checked for the first time.</summary>
    public const string ReportIngested = "report.ingested";

    /// <summary>A check produced a finding the report's current findings did not have.</summary>
    public const string FindingOpened = "finding.opened";

    /// <summary>A re-check or a new revision no longer produces an open finding.</summary>
    public const string FindingResolved = "finding.resolved";

    public const string FindingWaived = "finding.waived";

    /// <summary>A sweep completed; with the bodies whose report is late.</summary>
    public const string SweepCompleted = "sweep.completed";

    public static IReadOnlyList<string> All { get; } = [ReportIngested, FindingOpened, FindingResolved, FindingWaived, SweepCompleted];
}

/// <summary>How an event is written for its receiver.</summary>
public static class PushFormats
{
    /// <summary>CloudEvents 1.0, structured JSON, signed.</summary>
    public const string CloudEvents = "cloudevents";

    /// <summary>企业微信 group bot: {"msgtype":"markdown","markdown":{"content":…}}.</summary>
    public const string WeCom = "wecom";

    /// <summary>钉钉 group bot: {"msgtype":"markdown","markdown":{"title":…,"text":…}}, signed in the URL when there is a secret.</summary>
    public const string DingTalk = "dingtalk";

    public static IReadOnlyList<string> All { get; } = [CloudEvents, WeCom, DingTalk];
}

public static class SubscriptionStates
{
    public const string Active = "active";
    public const string Paused = "paused";

    /// <summary>Paused by the dispatcher: deliveries failed for longer than PauseAfter.</summary>
    public const string PausedFailing = "failing";

    public const string PausedByCaller = "by caller";
}

public static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    /// <summary>Given up when its subscription was paused; replayable.</summary>
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Pending, Delivered, Failed];
}
