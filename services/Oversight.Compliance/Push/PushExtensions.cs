using Microsoft.Extensions.Options;
using Oversight.Compliance.Grpc;
using Oversight.Compliance.Storage;
using Oversight.Fetching.Outbound;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Push;

public static class PushExtensions
{
    public const string Section = "Compliance:Push";

    /// <summary>
    /// Subscriptions, the event outbox and its dispatcher; refuses to start on an allow list entry that is not a network. Targets are
    /// judged by the platform's one <see cref="OutboundAddressPolicy"/> (the portal fetcher's), with this section's allow list.
    /// </summary>
    public static IServiceCollection AddPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PushOptions>(configuration.GetSection(Section));
        var allowed = configuration.GetSection(Section).Get<PushOptions>()?.AllowedNetworks ?? [];
        OutboundAddressPolicy policy;
        try
        {
            policy = new OutboundAddressPolicy(allowed, setting: $"{Section}:{nameof(PushOptions.AllowedNetworks)}");
        }
        catch (ArgumentException ex)
        {
            throw new StartupRefusedException("拒绝启动:" + ex.Message);
        }
        services.AddSingleton(policy);
        services.AddSingleton<PushStore>();
        services.AddSingleton<PushRenderer>();
        services.AddSingleton<PushSender>();
        services.AddSingleton<PushTelemetry>();
        services.AddSingleton<SubscriptionCreate>();
        services.AddSingleton<SubscriptionChanges>();
        services.AddSingleton<DeliveryReplay>();
        services.AddSingleton<PushQueries>();
        services.AddSingleton<PushGrpcService>();
        services.AddSingleton<PushDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PushDispatcher>());
        return services;
    }
}
