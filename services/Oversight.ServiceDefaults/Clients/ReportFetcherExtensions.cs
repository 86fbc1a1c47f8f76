using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Health;

namespace Oversight.ServiceDefaults.Clients;

public static class ReportFetcherExtensions
{
    /// <summary>
    /// The report fetcher and ingestion's typed client, addressed by the setting <paramref name="setting"/> ("Metrics:Ingestion" …),
    /// and ingestion's health as seen from this host (served under ingestion's service name).
    /// </summary>
    public static IServiceCollection AddReportFetcher(this IServiceCollection services, IConfiguration configuration, string setting,
        Func<IServiceProvider, TimeSpan> timeout)
    {
        services.AddServiceClient<IngestionService.IngestionServiceClient>(_ => configuration[setting]);
        services.AddServiceClient<Grpc.Health.V1.Health.HealthClient>(_ => configuration[setting]);
        services.AddHealthChecks().Add(new HealthCheckRegistration(IngestionService.Descriptor.FullName,
            sp => new DependencyHealthCheck(sp.GetRequiredService<Grpc.Net.ClientFactory.GrpcClientFactory>(), nameof(Grpc.Health.V1.Health.HealthClient),
            () => configuration[setting], sp.GetRequiredService<TimeProvider>()),
            failureStatus: null, tags: [DependencyHealthCheck.Tag]));
        // Served under ingestion's own service name: NOT_SERVING while this host cannot reach it.
        services.Configure<Grpc.AspNetCore.HealthChecks.GrpcHealthChecksOptions>(options =>
            options.Services.Map(IngestionService.Descriptor.FullName, r => r.Name == IngestionService.Descriptor.FullName));
        services.AddSingleton(sp => new ReportFetcher(
            sp.GetRequiredService<Grpc.Net.ClientFactory.GrpcClientFactory>(),
            new ReportFetcherSettings(() => configuration[setting], timeout(sp), setting),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
