using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Hosting;

namespace Oversight.Access;

public static class AccessHostExtensions
{
    /// <summary>
    /// Access control for one service host: reads the "Access" section, registers <see cref="AccessMiddleware"/>
    /// (mapped by <see cref="UseAccess"/>), and verifies keys remotely at Access:Authority unless the host registers its own
    /// <see cref="ICallerVerifier"/> (compliance, which keeps the keys). Open access on a non-loopback address
    /// stops startup: a service reachable from the network never runs without keys.
    /// </summary>
    /// <param name="keepsKeys">The host verifies keys itself (compliance) and registers its own <see cref="ICallerVerifier"/> after this.</param>
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder, string section, bool keepsKeys = false)
    {
        var access = new AccessOptions();
        builder.Configuration.GetSection(AccessOptions.Section).Bind(access);
        var endpoint = GrpcEndpointOptions.FromConfiguration(builder.Configuration.GetSection(section + ":Endpoint"));
        if (access.Open && !endpoint.IsLoopback)
        {
            throw new StartupRefusedException(
                $"拒绝启动:{section} 绑定到非回环地址 {endpoint.Address},但未配置密钥(Access:Open=true)。请去掉 Access:Open 并配置 Access:Authority 与服务密钥,或改为绑定 127.0.0.1");
        }
        if (!access.Open && !keepsKeys && string.IsNullOrWhiteSpace(access.Authority))
        {
            throw new StartupRefusedException(
                $"拒绝启动:{section} 未配置 Access:Authority。请填写合规服务地址(API 密钥在那里核验)与本服务的服务密钥(Access:ServiceKey 或 Access:ServiceKeyFile);仅在本机开发时可设置 Access:Open=true");
        }
        var services = builder.Services;
        services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.Section));
        services.TryAddSingleton(AccessPolicy.Default);
        services.TryAddSingleton<ServiceCredentials>();
        services.TryAddSingleton<IServiceIdentity>(sp => sp.GetRequiredService<ServiceCredentials>());
        services.TryAddSingleton(sp => new VerifiedCallerCache(access.CacheTime, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new FailedAuthLimiter(access.FailureLimit, access.FailureWindow, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new CallerRateLimiter(access.CallsPerSecond, access.CallBurst));
        services.AddServiceClient<AccessService.AccessServiceClient>(_ => access.Authority);
        services.TryAddSingleton<ScopeRefusalLog>();
        services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc => grpc.Interceptors.Add<ScopeRefusalLog>());
        services.TryAddSingleton<ICallerVerifier, RemoteCallerVerifier>();
        if (access.Open)
        {
            services.AddHostedService<OpenAccessWarning>();
        }
        return builder;
    }

    /// <summary>Checks every call's key and role before the service reads its request; call before mapping the services.</summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseMiddleware<AccessMiddleware>();
        return app;
    }

    private sealed class OpenAccessWarning(ILogger<AccessMiddleware> logger) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            AccessLog.OpenAccess(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
