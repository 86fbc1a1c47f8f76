using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>`oversight keys` and `oversight audit` against a platform that loaded the samples, as its local administrator.</summary>
public sealed class KeysCommandTests : IAsyncLifetime
{
    private RunningPlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await RunningPlatform.StartAsync(samples: true);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Keys_CreateUseRevoke_CityKeySeesItsCityThenNothingAndTheAuditLogSaysWho()
    {
        var created = await _platform.RunAsync("keys", "create", "--name", "大同市司法局", "--role", "city_office", "--scope", "1402");
        var secret = created.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("ovk_", StringComparison.Ordinal));
        var keyId = secret.Split('_')[1];
        using var folder = TempFolder.Create("oversight-cli-key-");
        var keyFile = folder.Combine("datong.key");
        await File.WriteAllTextAsync(keyFile, secret);

        var cityFindings = await _platform.RunWithKeyFileAsync(keyFile, "findings", "list", "--json");
        var cityKeys = await _platform.RunWithKeyFileAsync(keyFile, "keys", "list");
        var listed = await _platform.RunAsync("keys", "list");
        var revoked = await _platform.RunAsync("keys", "revoke", keyId);
        var afterRevoke = await _platform.RunWithKeyFileAsync(keyFile, "findings", "list");
        var audit = await _platform.RunAsync("audit", "list");
        var auditJson = await _platform.RunAsync("audit", "list", "--action", "key.revoke", "--json");

        Assert.True(created.Exit == 0, created.Output + created.Error);
        Assert.Equal(0, cityFindings.Exit);
        var lines = cityFindings.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("\"jurisdictionCode\": \"1402", l, StringComparison.Ordinal));
        Assert.Equal(2, cityKeys.Exit);
        Assert.Contains("ROLE_NOT_ALLOWED", cityKeys.Error, StringComparison.Ordinal);
        Assert.Contains(keyId, listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, revoked.Exit);
        Assert.Equal(2, afterRevoke.Exit);
        Assert.Contains("KEY_REVOKED", afterRevoke.Error, StringComparison.Ordinal);
        Assert.Contains("key.create", audit.Output, StringComparison.Ordinal);
        Assert.Contains("local-admin", audit.Output, StringComparison.Ordinal);
        Assert.Contains(keyId, auditJson.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit.Output + auditJson.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_NoKeyFile_ExitTwoSayingHowToSendAKey()
    {
        var (exit, _, error) = await _platform.RunWithKeyFileAsync(Path.Combine(Path.GetTempPath(), "no-such-dir", "admin.key"), "findings", "list");

        Assert.Equal(2, exit);
        Assert.Contains("KEY_MISSING", error, StringComparison.Ordinal);
        Assert.Contains("OVERSIGHT_KEY", error, StringComparison.Ordinal);
    }
}
