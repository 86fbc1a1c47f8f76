using Microsoft.Extensions.DependencyInjection.Extensions;
using Oversight.Access;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.Fetching;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Storage;
using Oversight.Watching.Grpc;
using Oversight.Watching.Passes;
using Oversight.Watching.Storage;

namespace Oversight.Watching;

public static class Extensions
{
    public const string Section = "Watching";
    public const int DefaultPort = 5104;

    private const string Method = "/oversight.watching.v1.WatchingService/";

    /// <summary>The services' policy plus this host's own methods: a pass is run by administrators and sweepers, read by them and city offices.</summary>
    public static AccessPolicy Policy { get; } = AccessPolicy.Default
        .With(Method + "RunWatch", Roles.ProvinceAdmin, Roles.Sweeper)
        .With(Method + "GetWatchStatus", Roles.ProvinceAdmin, Roles.Sweeper, Roles.CityOffice);

    public static WebApplicationBuilder AddWatching(this WebApplicationBuilder builder)
    {
        builder.AddServiceHost(Section, DefaultPort, WatchingService.Descriptor);
        // Before AddAccess, whose default policy knows only the four services' methods.
        builder.Services.TryAddSingleton(Policy);
        builder.AddAccess(Section);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<WatchingOptions>(configuration.GetSection(Section));
        services.AddServiceDatabase(configuration, Section, "watching.db", typeof(Extensions).Assembly);
        services.AddOutboundFetching(configuration);
        services.AddSingleton<WatchTelemetry>();
        services.AddSingleton<WatchStore>();
        services.AddSingleton<RegistryColumns>();
        services.AddSingleton<WatchRunner>();
        services.AddSingleton<WatchStart>();
        services.AddSingleton<WatchStatusQuery>();
        services.AddSingleton<WatchingGrpcService>();
        services.AddServiceClient<IngestionService.IngestionServiceClient>(_ => configuration[$"{Section}:Ingestion"]);
        services.AddServiceClient<ComplianceService.ComplianceServiceClient>(_ => configuration[$"{Section}:Compliance"]);
        services.AddHostedService<WatchScheduler>();
        return builder;
    }

    public static WebApplication MapWatching(this WebApplication app)
    {
        app.UseAccess();
        app.MapGrpcService<WatchingGrpcService>();
        app.MapServiceInfrastructure();
        return app;
    }
}
