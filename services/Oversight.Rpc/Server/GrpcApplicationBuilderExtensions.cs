using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Rpc.Health;
using Oversight.Rpc.Reflection;
using Oversight.Rpc.Server.CallHandlers;

namespace Oversight.Rpc.Server;

public static class GrpcApplicationBuilderExtensions
{
    /// <summary>Serves every RPC of <typeparamref name="TService"/>'s proto service; fails now if one is not implemented.</summary>
    public static IApplicationBuilder MapGrpcService<TService>(this IApplicationBuilder app)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = app.ApplicationServices;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpc() before mapping gRPC services.");
        var descriptor = TService.Descriptor;
        ServiceBinder.Validate(typeof(TService), descriptor);

        // One instance serves every call: taken from DI when registered, else created now, so constructor
        // failures are startup errors. Service classes must be thread-safe and depend on singletons; per-call
        // state lives in ServerCallContext. A DI scope per call cost ~15% of unary throughput (transport load run).
        var service = ActivatorUtilities.GetServiceOrCreateInstance<TService>(provider);
        registry.Add(descriptor, ServiceBinder.Bind(typeof(TService), descriptor, service, CreateHandlerServices(provider)));

        var health = provider.GetRequiredService<HealthStatusRegistry>();
        health.SetStatus(descriptor.FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        if (!registry.DispatcherAdded)
        {
            registry.DispatcherAdded = true;
            var dispatcher = ActivatorUtilities.CreateInstance<GrpcDispatcher>(provider);
            app.Use(next => context => dispatcher.InvokeAsync(context, next));
            health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
            provider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(health.SetAllNotServing);
        }
        return app;
    }

    public static IApplicationBuilder MapGrpcHealthService(this IApplicationBuilder app) => app.MapGrpcService<HealthService>();

    /// <summary>Serves server reflection, v1 and v1alpha.</summary>
    public static IApplicationBuilder MapGrpcReflectionService(this IApplicationBuilder app) =>
        app.MapGrpcService<ReflectionService>().MapGrpcService<ReflectionServiceV1Alpha>();

    private static CallHandlerServices CreateHandlerServices(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var interceptors = options.Interceptors
            .Select(type => (ServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(provider, type))
            .ToArray();
        return new CallHandlerServices(options, interceptors, provider.GetRequiredService<ILoggerFactory>(), provider.GetRequiredService<TimeProvider>());
    }
}
