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
using Oversight.ServiceDefaults.Errors;
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
        // A limit of zero would refuse every attachment at once, and one past a timer's range would fail each submission.
        if (builder.Configuration.GetSection(Section).Get<IngestionOptions>() is { } read
            && (read.ConversionTimeout <= TimeSpan.Zero || read.ConversionTimeout > TimeSpan.FromDays(1)))
        {
            throw new StartupRefusedException($"拒绝启动:Ingestion:ConversionTimeout 为 {read.ConversionTimeout}。"
                + "请填写一次提交读取附件的最长时间(大于 0、不超过 1 天,默认 00:05:00),或删去该项");
        }
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
