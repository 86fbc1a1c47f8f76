using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Oversight.Rpc.Health;
using Oversight.Rpc.Reflection;

namespace Oversight.Rpc.Server;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Registers the gRPC server: options, the service registry, health and reflection.</summary>
    public static IServiceCollection AddGrpc(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        var options = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<ReflectionIndexProvider>();
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<ReflectionService>();
        services.TryAddSingleton<ReflectionServiceV1Alpha>();
        return services;
    }
}
