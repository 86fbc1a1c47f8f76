using Oversight.Storage;
using Oversight.Storage.Migrations;

namespace Oversight.Ingestion;

/// <summary>Brings the database to this build's schema before the server accepts calls; a newer schema stops startup.</summary>
internal sealed class MigrationService(Database database, ILogger<MigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = await MigrationRunner.ApplyAsync(database, typeof(MigrationService).Assembly, cancellationToken);
        IngestionLog.Migrated(logger, version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
