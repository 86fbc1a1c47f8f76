using Oversight.Rpc.Server;

namespace Oversight.Metrics;

public static class Extensions
{
    public const string Section = "Metrics";
    public const int DefaultPort = 5102;

    public static WebApplicationBuilder AddMetrics(this WebApplicationBuilder builder)
    {
        builder.AddGrpcHost(Section, DefaultPort);
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapGrpcInfrastructure();
        return app;
    }
}
