namespace Oversight.Ingestion.Outbox;

/// <summary>The services told about every stored report.</summary>
public static class OutboxTargets
{
    public const string Metrics = "metrics";
    public const string Compliance = "compliance";

    public static IReadOnlyList<string> All { get; } = [Metrics, Compliance];
}
