using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Storage.Health;
using Oversight.Storage.Migrations;

namespace Oversight.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// A service's own database (see <see cref="StorageFactory.Create(IConfiguration, string, string, TimeProvider)"/>),
    /// migrated from the scripts embedded in <paramref name="migrations"/> before the host starts serving; its health check
    /// reports whether it answers at that schema.
    /// Register it before any hosted service that uses the database.
    /// </summary>
    public static IServiceCollection AddServiceDatabase(this IServiceCollection services, IConfiguration configuration, string section,
        string defaultFile, Assembly migrations)
    {
        services.AddSingleton(sp => StorageFactory.Create(configuration, section, defaultFile, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => new MigrationService(sp.GetRequiredService<Database>(), migrations,
            sp.GetRequiredService<ILogger<MigrationService>>()));
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "database", sp => new DatabaseHealthCheck(sp.GetRequiredService<Database>(), migrations), failureStatus: null, tags: null));
        return services;
    }
}
