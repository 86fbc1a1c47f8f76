using Dapper;
using Microsoft.Data.Sqlite;
using Oversight.Analysis.Rules;
using Oversight.Contracts.Compliance.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_StoredPackInvalid_RefusesToStartNamingThePack()
    {
        // The folder outlives the stack: the test starts compliance again on it.
        await using var folder = TempFolder.Create("oversight-compliance-");
        var stack = await ComplianceStack.StartAsync(data: folder);
        var directory = stack.DataDirectory;
        await stack.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "compliance.db")}"))
        {
            await connection.ExecuteAsync("UPDATE rule_packs SET yaml = replace(yaml, 'kind: suggestions', 'kind: preface') WHERE pack_id = 'datong'");
        }
        SqliteConnection.ClearAllPools();

        var ex = await Assert.ThrowsAsync<RulePackException>(() => ServiceHosts.StartAsync(Extensions.Section, b => b.AddCompliance(), a => a.MapCompliance(),
            directory, new Dictionary<string, string?> { ["Compliance:SeedRegistry"] = "false" }));

        Assert.Contains("datong@1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("preface", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Compliance:Registry:MaxLineBytes", "0")]
    [InlineData("Compliance:Registry:MaxLines", "-1")]
    public async Task Start_RegistryImportBoundBelowOne_RefusedWithWhatToSet(string key, string value)
    {
        await using var folder = TempFolder.Create("oversight-compliance-");
        var directory = folder.Path;

        var ex = await Assert.ThrowsAsync<Oversight.ServiceDefaults.Errors.StartupRefusedException>(() => ServiceHosts.StartAsync(Extensions.Section,
            b => b.AddCompliance(), a => a.MapCompliance(), directory,
            new Dictionary<string, string?> { ["Compliance:SeedRegistry"] = "false", [key] = value }));

        Assert.Contains(key.Split(':')[^1], ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14a")]
    [InlineData("1402250001")]
    [InlineData("大同")]
    public async Task Start_ScheduleScopeNotACodePrefix_RefusedWithWhatToSet(string scope)
    {
        await using var folder = TempFolder.Create("oversight-compliance-");
        var directory = folder.Path;

        var ex = await Assert.ThrowsAsync<Oversight.ServiceDefaults.Errors.StartupRefusedException>(() => ServiceHosts.StartAsync(Extensions.Section,
            b => b.AddCompliance(), a => a.MapCompliance(), directory,
            new Dictionary<string, string?> { ["Compliance:SeedRegistry"] = "false", ["Compliance:Schedule:ScopePrefix"] = scope }));

        Assert.StartsWith("拒绝启动", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Compliance:Schedule:ScopePrefix '{scope}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("最多9位数字", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Again_PacksAndRegistryNotDuplicated()
    {
        await using var folder = TempFolder.Create("oversight-compliance-");
        var stack = await ComplianceStack.StartAsync(seedRegistry: true, data: folder);
        var directory = stack.DataDirectory;
        await stack.DisposeAsync();

        await using var host = await ServiceHosts.StartAsync(Extensions.Section, b => b.AddCompliance(), a => a.MapCompliance(), directory);
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(host.Address);
        var client = new Oversight.Contracts.Compliance.V1.ComplianceService.ComplianceServiceClient(channel);

        Assert.Equal(3, (await client.ListRulePacksAsync(new ListRulePacksRequest())).Packs.Count);
        Assert.Equal(138, (await client.ListRegistryAsync(new ListRegistryRequest { CodePrefix = "1402", PageSize = 500 })).Bodies.Count);
    }
}
