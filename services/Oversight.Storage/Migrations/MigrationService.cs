using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Oversight.Storage.Migrations;

/// <summary>
/// Brings a service's database to the schema embedded in its assembly before the server accepts calls;
/// a newer schema stops startup (<see cref="SchemaTooNewException"/>).
/// </summary>
public sealed partial class MigrationService(Database database, Assembly migrations, ILogger<MigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = await MigrationRunner.ApplyAsync(database, migrations, cancellationToken);
        Migrated(logger, migrations.GetName().Name ?? "", version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "{Service} database at schema version {Version}")]
    private static partial void Migrated(ILogger logger, string service, int version);
}
