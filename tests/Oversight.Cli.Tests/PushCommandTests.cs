using Oversight.Testing;

namespace Oversight.Cli.Tests;

/// <summary>`oversight push` against the platform, whose push may reach a receiver on 127.0.0.1 because the settings say so.</summary>
public sealed class PushCommandTests : IAsyncLifetime
{
    private RunningPlatform _platform = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _platform = await RunningPlatform.StartAsync(false,
            "--Compliance:Push:RequireHttps=false", "--Compliance:Push:AllowedNetworks:0=127.0.0.1/32", "--Compliance:Push:PollInterval=00:00:00.050");
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Push_CreateReceivePauseResumeDelete_SecretShownOnceOnly()
    {
        var created = await _platform.RunAsync("push", "create", "--name", "大同市司法局", "--url", _receiver.Url(), "--events", "report.ingested", "--scope",
            "1402");
        Assert.True(created.Exit == 0, created.Output + created.Error);
        var id = created.Output.Split(' ', ':', '\n').Single(w => w.StartsWith("sub_", StringComparison.Ordinal));
        var secret = created.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("whsec_", StringComparison.Ordinal));

        var ingested = await _platform.RunAsync("ingest", RepositoryPaths.Combine("samples", "reports"));
        await Eventually.UntilAsync(() => _receiver.Received.Count >= 3, TimeSpan.FromSeconds(30), "大同's three reports");
        var listed = await _platform.RunAsync("push", "list");
        var deliveries = await _platform.RunAsync("push", "deliveries", "--status", "delivered", "--json");
        var paused = await _platform.RunAsync("push", "pause", id);
        var pausedAgain = await _platform.RunAsync("push", "pause", id);
        var resumed = await _platform.RunAsync("push", "resume", id);
        var replayUnknown = await _platform.RunAsync("push", "replay", "dlv_nope");
        var deleted = await _platform.RunAsync("push", "delete", id);
        var audit = await _platform.RunAsync("audit", "list");

        Assert.Equal(0, ingested.Exit);
        Assert.All(_receiver.Received, h => Assert.True(h.SignatureValid(secret, DateTimeOffset.UtcNow)));
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output + deliveries.Output + audit.Output, StringComparison.Ordinal);
        Assert.Equal(_receiver.Received.Count, deliveries.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal((0, 2, 0, 2, 0), (paused.Exit, pausedAgain.Exit, resumed.Exit, replayUnknown.Exit, deleted.Exit));
        Assert.Contains("SUBSCRIPTION_ALREADY_PAUSED", pausedAgain.Error, StringComparison.Ordinal);
        Assert.Contains("DELIVERY_NOT_FOUND", replayUnknown.Error, StringComparison.Ordinal);
        Assert.Contains("subscription.delete", audit.Output, StringComparison.Ordinal);
        Assert.Contains("subscription.create", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushCreate_SecretFromAFile_SignsWithIt()
    {
        using var folder = TempFolder.Create("oversight-cli-push-");
        var secretFile = folder.Combine("hook.secret");
        await File.WriteAllTextAsync(secretFile, "file-secret-0123456789\n");

        var created = await _platform.RunAsync("push", "create", "--name", "省厅", "--url", _receiver.Url(), "--events", "report.ingested", "--secret-file",
            secretFile);
        var refused = await _platform.RunAsync("push", "create", "--name", "省厅", "--url", _receiver.Url(), "--events", "report.deleted");
        await _platform.RunAsync("ingest", SampleReports.PathOf(SampleReports.Fenxi));
        await Eventually.UntilAsync(() => !_receiver.Received.IsEmpty, TimeSpan.FromSeconds(30), "汾西县's report");

        Assert.Equal(0, created.Exit);
        Assert.DoesNotContain("file-secret", created.Output, StringComparison.Ordinal);
        Assert.True(_receiver.Received.First().SignatureValid("file-secret-0123456789", DateTimeOffset.UtcNow));
        Assert.Equal(2, refused.Exit);
        Assert.Contains("EVENT_TYPES_INVALID", refused.Error, StringComparison.Ordinal);
    }
}
