using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oversight.Rpc.Health;
using Oversight.Rpc.Reflection;
using Oversight.Rpc.Server.CallHandlers;

namespace Oversight.Rpc.Server;

public static class GrpcEndpointRouteBuilderExtensions
{
    private const string FallbackMarker = "Oversight.Rpc.UnimplementedFallback";

    /// <summary>Maps every RPC of <typeparamref name="TService"/>'s proto service; fails now if one is not implemented.</summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IGrpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var provider = endpoints.ServiceProvider;
        var registry = provider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpc() before mapping gRPC services.");
        var descriptor = TService.Descriptor;
        var handlers = ServiceBinder.Bind(typeof(TService), descriptor, CreateHandlerServices(provider));
        registry.Add(descriptor);

        var health = provider.GetRequiredService<HealthStatusRegistry>();
        health.SetStatus(descriptor.FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        if (!health.TryGetStatus("", out _))
        {
            health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
            provider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(health.SetAllNotServing);
        }

        var builders = handlers.Select(h => endpoints.MapPost(h.Path, h.HandleCallAsync).WithDisplayName("gRPC " + h.Path)).ToList();
        MapUnimplementedFallback(endpoints, registry);
        return new CompositeConventionBuilder(builders);
    }

    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<HealthService>();

    /// <summary>Maps server reflection, v1 and v1alpha.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints) =>
        new CompositeConventionBuilder([endpoints.MapGrpcService<ReflectionService>(), endpoints.MapGrpcService<ReflectionServiceV1Alpha>()]);

    private static CallHandlerServices CreateHandlerServices(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var interceptors = options.Interceptors
            .Select(type => (ServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(provider, type))
            .ToArray();
        return new CallHandlerServices(options, interceptors, provider.GetRequiredService<ILoggerFactory>(), provider.GetRequiredService<TimeProvider>());
    }

    // Unknown services and methods get UNIMPLEMENTED, as the spec asks, rather than an HTTP 404.
    private static void MapUnimplementedFallback(IEndpointRouteBuilder endpoints, GrpcServiceRegistry registry)
    {
        if (endpoints.DataSources.SelectMany(d => d.Endpoints).Any(e => e.Metadata.GetMetadata<string>() == FallbackMarker))
        {
            return;
        }
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Oversight.Rpc.Server");
        endpoints.MapPost("{unimplementedService}/{unimplementedMethod}", http =>
            {
                if (!RequestValidation.Validate(http, logger))
                {
                    return Task.CompletedTask;
                }
                var service = (string)http.Request.RouteValues["unimplementedService"]!;
                var detail = registry.Contains(service)
                    ? $"方法未实现: {http.Request.Path} (Method is unimplemented.)"
                    : $"服务未实现: {service} (Service is unimplemented.)";
                http.Response.ContentType = GrpcProtocol.ContentType;
                http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(detail);
                return Task.CompletedTask;
            })
            .WithMetadata(FallbackMarker)
            .WithDisplayName("gRPC unimplemented");
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
