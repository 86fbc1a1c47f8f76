using Oversight.Rpc.Server;

namespace Oversight.Ingestion;

public static class Extensions
{
    public const string Section = "Ingestion";
    public const int DefaultPort = 5101;

    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.AddGrpcHost(Section, DefaultPort);
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        app.MapGrpcInfrastructure();
        return app;
    }
}
