using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Documents;
using Oversight.Fetching;
using Oversight.Ingestion.Attachments;
using Oversight.Ingestion.ByAddress;
using Oversight.Ingestion.Counting;
using Oversight.Ingestion.Grpc;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Outbox;
using Oversight.Ingestion.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Hosting;
using Oversight.Storage;

namespace Oversight.Ingestion;

public static class Extensions
{
    public const string Section = "Ingestion";
    public const int DefaultPort = 5101;

    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.AddServiceHost(Section, DefaultPort, IngestionService.Descriptor);
        builder.AddAccess(Section);
        var services = builder.Services;
        services.Configure<IngestionOptions>(builder.Configuration.GetSection(Section));
        services.AddServiceDatabase(builder.Configuration, Section, "ingestion.db", typeof(Extensions).Assembly);
        services.AddSingleton<IngestionGrpcService>();
        services.AddSingleton<SummaryCache>();
        services.AddSingleton<Submissions>();
        services.AddSingleton<BatchSubmission>();
        services.AddSingleton<Reading.ReportQueries>();
        services.AddSingleton<AddressedSubmissions>();
        services.AddOutboundFetching(builder.Configuration);
        services.AddSingleton<AttachmentReports>();
        services.AddSingleton<IAttachmentReader>(sp => new AttachmentReader(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.Attachments));
        // Fetching's seam is served by the same reader: fetched attachments are read exactly like uploaded ones.
        services.AddSingleton<Fetching.Attachments.IAttachmentReader, FetchedAttachmentReader>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportCounts>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxTelemetry>();
        services.AddSingleton(_ => new ReportReader(ShippedDivisions.Registry));
        var configuration = builder.Configuration;
        services.AddServiceClient<MetricsService.MetricsServiceClient>(_ => configuration[$"{Section}:Outbox:Metrics"]);
        services.AddServiceClient<ComplianceService.ComplianceServiceClient>(_ => configuration[$"{Section}:Outbox:Compliance"]);
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        app.UseAccess();
        app.MapGrpcService<IngestionGrpcService>();
        app.MapServiceInfrastructure();
        return app;
    }
}
