using Microsoft.Extensions.Options;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.RulePacks;

/// <summary>
/// Keeps every replica's packs in force current: an upsert reloads the packs of the replica that served it only, so
/// each replica reads the packs' latest versions every <see cref="ComplianceOptions.RulePackReloadInterval"/> (one small
/// query on the primary key) and reloads when they differ from what it holds. A pack that no longer validates is logged
/// and the packs in force stay as they were.
/// </summary>
public sealed partial class RulePackReloader(PacksInForce packs, PackStore store, IOptions<ComplianceOptions> options, TimeProvider time,
    ILogger<RulePackReloader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RulePackReloadInterval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await ReloadIfChangedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReloadFailed(logger, ex);
            }
        }
    }

    /// <summary>Reloads when the stored versions differ from the packs in force; true when it did.</summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        var stored = PacksInForce.KeyOf((await store.LatestVersionsAsync(cancellationToken)).Select(r => (r.PackId, r.Version)));
        if (stored == packs.Key)
        {
            return false;
        }
        var before = packs.Key;
        await packs.LoadAsync(cancellationToken);
        Reloaded(logger, before, packs.Key);
        return true;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(320, LogLevel.Information, "Rule packs changed in the database: {Before} → {After}")]
    private static partial void Reloaded(ILogger logger, string before, string after);

    [LoggerMessage(321, LogLevel.Error, "Reloading the rule packs failed; the packs in force stay as they were and the next interval tries again")]
    private static partial void ReloadFailed(ILogger logger, Exception exception);
}
