using Microsoft.Extensions.Options;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Registry;
using Oversight.Compliance.Storage;
using Oversight.Storage;

namespace Oversight.Compliance;

/// <summary>After migrations and before serving: loads the rule packs (storing the shipped ones on first start) and seeds an empty registry.</summary>
internal sealed class ComplianceStartup(PacksInForce packs, RegistryStore registry, IOptions<ComplianceOptions> options, TimeProvider time,
    ILogger<ComplianceStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await packs.LoadAsync(cancellationToken);
        ComplianceLog.PacksLoaded(logger, packs.Key);
        if (options.Value.SeedRegistry && await registry.CountAsync(cancellationToken) == 0)
        {
            var bodies = ShippedRegistry.Bodies(SqlTime.Format(time.GetUtcNow())).ToList();
            foreach (var chunk in bodies.Chunk(5000))
            {
                await registry.UpsertAsync(chunk, cancellationToken);
            }
            ComplianceLog.RegistrySeeded(logger, bodies.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
