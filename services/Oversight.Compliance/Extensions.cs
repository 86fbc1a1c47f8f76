using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Push;
using Oversight.Compliance.Grpc;
using Oversight.Compliance.RulePacks;
using Oversight.Compliance.Storage;
using Oversight.Compliance.Registry;
using Oversight.Compliance.Sweeps;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Errors;
using Grpc.Core;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Storage;

namespace Oversight.Compliance;

public static class Extensions
{
    public const string Section = "Compliance";
    public const int DefaultPort = 5103;

    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.AddServiceHost(Section, DefaultPort, ComplianceService.Descriptor, AccessService.Descriptor,
            Oversight.Contracts.Push.V1.PushService.Descriptor);
        builder.AddAccess(Section, keepsKeys: true);
        var services = builder.Services;
        services.Configure<ComplianceOptions>(builder.Configuration.GetSection(Section));
        RefuseInvalid(builder.Configuration.GetSection(Section).Get<ComplianceOptions>());
        services.AddServiceDatabase(builder.Configuration, Section, "compliance.db", typeof(Extensions).Assembly);
        services.AddSingleton(_ => ShippedDivisions.Registry);
        services.AddSingleton(sp => new ReportReader(sp.GetRequiredService<JurisdictionRegistry>()));
        services.AddSingleton(_ => MetricExtractor.Default);
        services.AddReportFetcher(builder.Configuration, $"{Section}:Ingestion", sp =>
            sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.IngestionCallTimeout);
        services.AddSingleton<ComplianceGrpcService>();
        services.AddSingleton<AccessGrpcService>();
        services.AddSingleton<KeyStore>();
        services.AddSingleton<AuditStore>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<KeyAuthority>();
        services.AddSingleton<KeyCreation>();
        services.AddSingleton<KeyRevocation>();
        services.AddSingleton<KeyQueries>();
        services.AddSingleton<AuditQueries>();
        services.Replace(ServiceDescriptor.Singleton<ICallerVerifier>(sp => sp.GetRequiredService<KeyAuthority>()));
        services.AddSingleton<PackStore>();
        services.AddSingleton<FindingStore>();
        services.AddSingleton(sp =>
            new ReuseStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.Reuse.CommonReports));
        services.AddSingleton<RegistryStore>();
        services.AddSingleton<SweepStore>();
        services.AddSingleton<PacksInForce>();
        services.AddSingleton<ComplianceTelemetry>();
        services.AddSingleton<SubmitterScopes>();
        services.AddSingleton<EvidenceScope>();
        services.AddSingleton<Findings.FindingMessages>();
        services.AddSingleton<Findings.FindingQueries>();
        services.AddSingleton<Findings.FindingStatusChange>();
        services.AddSingleton<SweepStart>();
        services.AddSingleton<SweepQueries>();
        services.AddSingleton<RulePacks.RulePackQueries>();
        services.AddSingleton<RulePacks.RulePackUpsert>();
        services.AddSingleton<RegistryImport>();
        services.AddSingleton<RegistryQueries>();
        services.AddSingleton<RevisionHistory>();
        services.AddSingleton<ReportChecker>();
        services.AddSingleton<ReportCheck>();
        services.AddSingleton<SweepRunner>();
        services.AddSingleton<SweepScheduler>();
        services.AddPush(builder.Configuration);
        services.AddHostedService<AccessBootstrap>();
        services.AddHostedService<ComplianceStartup>();
        services.AddHostedService<RulePackReloader>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepScheduler>());
        return builder;
    }

    // Settings a sweep or an import would only trip over later (a scheduled sweep of a scope no code lies in) stop the start instead.
    private static void RefuseInvalid(ComplianceOptions? options)
    {
        if (options?.Registry is { } registry && (registry.MaxLineBytes < 1 || registry.MaxLines < 1))
        {
            throw new StartupRefusedException(
                $"拒绝启动:Compliance:Registry:MaxLineBytes 为 {registry.MaxLineBytes}、MaxLines 为 {registry.MaxLines}。请填写名录导入每行最多字节数与每次最多行数(均至少 1," +
                    $"默认 {Registry.RegistryCsv.DefaultMaxLineBytes} 与 {Registry.RegistryCsv.DefaultMaxLines}),或删去该项");
        }
        if (options?.Schedule is { } schedule && ScopeRules.PrefixError($"{Section}:Schedule:ScopePrefix", schedule.ScopePrefix) is { } scopeError)
        {
            throw new StartupRefusedException($"拒绝启动:{scopeError};留空表示全国");
        }
    }

    public static WebApplication MapCompliance(this WebApplication app)
    {
        app.UseAccess();
        app.MapGrpcService<ComplianceGrpcService>();
        app.MapGrpcService<AccessGrpcService>();
        app.MapGrpcService<PushGrpcService>();
        app.MapServiceInfrastructure();
        return app;
    }
}
