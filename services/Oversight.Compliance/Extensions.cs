using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Grpc;
using Oversight.Compliance.Storage;
using Oversight.Compliance.Sweeps;
using Oversight.Rpc.Clients;
using Oversight.Rpc.Server;
using Oversight.Storage;

namespace Oversight.Compliance;

public static class Extensions
{
    public const string Section = "Compliance";
    public const int DefaultPort = 5103;

    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.AddGrpcHost(Section, DefaultPort);
        builder.AddAccess(Section, keepsKeys: true);
        var services = builder.Services;
        services.Configure<ComplianceOptions>(builder.Configuration.GetSection(Section));
        services.AddServiceDatabase(builder.Configuration, Section, "compliance.db", typeof(Extensions).Assembly);
        services.AddSingleton(_ => ShippedDivisions.Registry);
        services.AddSingleton(sp => new ReportReader(sp.GetRequiredService<JurisdictionRegistry>()));
        services.AddSingleton(_ => MetricExtractor.Default);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ComplianceOptions>>().Value;
            return new ReportFetcher(options.Ingestion, options.IngestionCallTimeout, "Compliance:Ingestion", sp.GetRequiredService<ServiceCredentials>().ChannelOptions());
        });
        services.AddSingleton<KeyStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<KeyAuthority>();
        services.Replace(ServiceDescriptor.Singleton<ICallerVerifier>(sp => sp.GetRequiredService<KeyAuthority>()));
        services.AddSingleton<PackStore>();
        services.AddSingleton<FindingStore>();
        services.AddSingleton<RegistryStore>();
        services.AddSingleton<SweepStore>();
        services.AddSingleton<PacksInForce>();
        services.AddSingleton<ReportChecker>();
        services.AddSingleton<SweepRunner>();
        services.AddSingleton<SweepScheduler>();
        services.AddHostedService<AccessBootstrap>();
        services.AddHostedService<ComplianceStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepScheduler>());
        return builder;
    }

    public static WebApplication MapCompliance(this WebApplication app)
    {
        app.MapGrpcService<ComplianceService>();
        app.MapGrpcService<AccessService>();
        app.MapGrpcInfrastructure();
        return app;
    }
}
