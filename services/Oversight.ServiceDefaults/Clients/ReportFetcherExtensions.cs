using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Contracts.Ingestion.V1;

namespace Oversight.ServiceDefaults.Clients;

public static class ReportFetcherExtensions
{
    /// <summary>The report fetcher and ingestion's typed client, addressed by the setting <paramref name="setting"/> ("Metrics:Ingestion" …).</summary>
    public static IServiceCollection AddReportFetcher(this IServiceCollection services, IConfiguration configuration, string setting, Func<IServiceProvider, TimeSpan> timeout)
    {
        services.AddServiceClient<IngestionService.IngestionServiceClient>(_ => configuration[setting]);
        services.AddSingleton(sp => new ReportFetcher(
            sp.GetRequiredService<Grpc.Net.ClientFactory.GrpcClientFactory>(),
            new ReportFetcherSettings(() => configuration[setting], timeout(sp), setting),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
