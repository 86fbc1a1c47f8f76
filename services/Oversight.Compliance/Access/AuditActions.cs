namespace Oversight.Compliance.Access;

/// <summary>The administrative actions written to the audit log.</summary>
public static class AuditActions
{
    public const string KeyCreate = "key.create";
    public const string KeyRevoke = "key.revoke";
    public const string FindingWaive = "finding.waive";
    public const string FindingReopen = "finding.reopen";
    public const string RulePackUpsert = "rulepack.upsert";
    public const string RegistryImport = "registry.import";
    public const string SweepRun = "sweep.run";
    public const string SubscriptionCreate = "subscription.create";
    public const string SubscriptionDelete = "subscription.delete";

    /// <summary>By a caller, or by the push dispatcher when deliveries kept failing.</summary>
    public const string SubscriptionPause = "subscription.pause";
    public const string SubscriptionResume = "subscription.resume";
    public const string DeliveryReplay = "delivery.replay";

    public static IReadOnlyList<string> All { get; } = [KeyCreate, KeyRevoke, FindingWaive, FindingReopen, RulePackUpsert, RegistryImport, SweepRun,
        SubscriptionCreate, SubscriptionDelete, SubscriptionPause, SubscriptionResume, DeliveryReplay];
}
