using Grpc.Net.Client;
using Oversight.Contracts.Compliance.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

/// <summary>Two compliance replicas on one database: a rule pack upserted through one is in force on the other within the reload interval.</summary>
public sealed class RulePackReloadTests
{
    private const string Shanxi =
        "packId: shanxi\nname: 山西省\nscopePrefix: \"14\"\nyearFrom: 2025\nsections:\n  - kind: highlights\n    missingSeverity: info\n";
    private const string Interval = "00:00:00.200";

    /// <summary>One SQLite file: both hosts use the same data folder.</summary>
    [Fact]
    public Task UpsertRulePack_ThroughOneReplica_TheOtherServesItWithinTheInterval() =>
        UpsertThroughOneServedByTheOtherAsync(new Dictionary<string, string?>());

    internal static async Task UpsertThroughOneServedByTheOtherAsync(IDictionary<string, string?> storage)
    {
        var settings = new Dictionary<string, string?>(storage) { ["Compliance:RulePackReloadInterval"] = Interval };
        await using var stack = await ComplianceStack.StartAsync(settings: settings);
        await using var other = await ServiceHosts.StartAsync(Extensions.Section, b => b.AddCompliance(), a => a.MapCompliance(), stack.DataDirectory,
            new Dictionary<string, string?>(settings)
            {
                ["Compliance:Ingestion"] = stack.IngestionHost.Address.ToString(), ["Compliance:SeedRegistry"] = "false",
            });
        using var channel = GrpcChannel.ForAddress(other.Address);
        var replica = new ComplianceService.ComplianceServiceClient(channel);
        Assert.DoesNotContain((await replica.ListRulePacksAsync(new ListRulePacksRequest())).Packs, p => p.PackId == "shanxi");

        var created = await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = Shanxi });
        await Eventually.UntilAsync(async () => (await replica.ListRulePacksAsync(new ListRulePacksRequest())).Packs.Any(p =>
            p.PackId == "shanxi" && p.Version == 1),
            TimeSpan.FromSeconds(10), "the other replica serves shanxi@1, upserted through the first");
        var changed = created.Pack.Clone();
        changed.Sections[0].MissingSeverity = "warning";
        await stack.Compliance.UpsertRulePackAsync(new UpsertRulePackRequest { Pack = changed });
        await Eventually.UntilAsync(async () => (await replica.ListRulePacksAsync(new ListRulePacksRequest())).Packs.Any(p =>
            p.PackId == "shanxi" && p.Version == 2),
            TimeSpan.FromSeconds(10), "the other replica serves shanxi@2, upserted through the first");

        var served = (await replica.ListRulePacksAsync(new ListRulePacksRequest())).Packs.Single(p => p.PackId == "shanxi");
        Assert.Equal("warning", served.Sections[0].MissingSeverity);
    }
}

/// <summary>The same on one PostgreSQL database.</summary>
[RequiresEnvironment(PostgresTestDatabase.Variable)]
public sealed class PostgresRulePackReloadTests
{
    [DatabaseFact]
    public async Task UpsertRulePack_ThroughOneReplica_TheOtherServesItWithinTheInterval()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        try
        {
            await RulePackReloadTests.UpsertThroughOneServedByTheOtherAsync(new Dictionary<string, string?>
            {
                ["Compliance:Storage:Provider"] = "postgresql",
                ["Compliance:Storage:ConnectionString"] = database.ConnectionString,
            });
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
