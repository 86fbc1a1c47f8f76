using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Ingestion.Grpc;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Outbox;
using Oversight.Ingestion.Storage;
using Oversight.Rpc.Server;
using Oversight.Storage;

namespace Oversight.Ingestion;

public static class Extensions
{
    public const string Section = "Ingestion";
    public const int DefaultPort = 5101;

    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.AddGrpcHost(Section, DefaultPort);
        builder.AddAccess(Section);
        var services = builder.Services;
        services.Configure<IngestionOptions>(builder.Configuration.GetSection(Section));
        services.AddServiceDatabase(builder.Configuration, Section, "ingestion.db", typeof(Extensions).Assembly);
        services.AddSingleton<ReportStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(_ => new ReportReader(ShippedDivisions.Registry));
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        app.MapGrpcService<IngestionService>();
        app.MapGrpcInfrastructure();
        return app;
    }
}
