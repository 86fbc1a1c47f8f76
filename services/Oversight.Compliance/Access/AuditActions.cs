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

    public static IReadOnlyList<string> All { get; } = [KeyCreate, KeyRevoke, FindingWaive, FindingReopen, RulePackUpsert, RegistryImport, SweepRun];
}
