using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Oversight.Fetching.Outbound;

namespace Oversight.Fetching;

public static class Extensions
{
    /// <summary>The outbound fetcher, configured from "Outbound" (allowed networks, caps, User-Agent).</summary>
    public static IServiceCollection AddOutboundFetching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboundOptions>(configuration.GetSection(OutboundOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PageFetcher>();
        return services;
    }
}
