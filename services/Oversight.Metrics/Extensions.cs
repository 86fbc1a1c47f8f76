using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Metrics.Queries;
using Oversight.Metrics.Analysis;
using Oversight.Metrics.Grpc;
using Oversight.Metrics.Storage;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Errors;
using Grpc.Core;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Contracts.Metrics.V1;
using Oversight.Storage;

namespace Oversight.Metrics;

public static class Extensions
{
    public const string Section = "Metrics";
    public const int DefaultPort = 5102;

    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.AddServiceHost(Section, DefaultPort, MetricsService.Descriptor);
        builder.AddAccess(Section);
        var services = builder.Services;
        services.Configure<MetricsOptions>(builder.Configuration.GetSection(Section));
        if (builder.Configuration.GetSection(Section).Get<MetricsOptions>() is { MaxFiguresPerReport: < 1 } bad)
        {
            throw new StartupRefusedException(
                $"拒绝启动:Metrics:MaxFiguresPerReport 为 {bad.MaxFiguresPerReport}。请填写每份报告最多保存的数据项数(至少 1,默认 {MetricExtractor.DefaultMaxFigures}),或删去该项");
        }
        services.AddServiceDatabase(builder.Configuration, Section, "metrics.db", typeof(Extensions).Assembly);
        services.AddSingleton(sp => LoadCatalog(sp.GetRequiredService<IOptions<MetricsOptions>>().Value, sp.GetRequiredService<ILogger<MetricStore>>()));
        services.AddSingleton(sp =>
            new MetricExtractor(sp.GetRequiredService<IndicatorCatalog>(), sp.GetRequiredService<IOptions<MetricsOptions>>().Value.MaxFiguresPerReport));
        services.AddSingleton<MetricsTelemetry>();
        services.AddSingleton(_ => ShippedDivisions.Registry);
        services.AddSingleton(sp => new ReportReader(sp.GetRequiredService<JurisdictionRegistry>()));
        services.AddReportFetcher(builder.Configuration, $"{Section}:Ingestion", sp =>
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.IngestionCallTimeout);
        services.AddSingleton<MetricsGrpcService>();
        services.AddSingleton<MetricQueries>();
        services.AddSingleton<Values.ValueFilters>();
        services.AddSingleton<Values.ReportValues>();
        services.AddSingleton<Aggregates.AggregateRequests>();
        services.AddSingleton<Indicators.IndicatorListing>();
        services.AddSingleton<MetricStore>();
        services.AddSingleton<ReportAnalyzer>();
        services.AddSingleton<ReanalysisService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReanalysisService>());
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.UseAccess();
        app.MapGrpcService<MetricsGrpcService>();
        app.MapServiceInfrastructure();
        return app;
    }

    // A province's catalog replaces the shipped one; a bad file stops startup with the catalog's own message.
    private static IndicatorCatalog LoadCatalog(MetricsOptions options, ILogger logger)
    {
        var catalog = string.IsNullOrWhiteSpace(options.CatalogPath)
            ? IndicatorCatalog.Default
            : IndicatorCatalog.Parse(File.ReadAllText(options.CatalogPath));
        MetricsLog.CatalogLoaded(logger, catalog.Version, catalog.Indicators.Count, string.IsNullOrWhiteSpace(options.CatalogPath)
            ? "the shipped catalog" : options.CatalogPath);
        return catalog;
    }
}
