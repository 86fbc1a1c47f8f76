using Oversight.Rpc.Server;

namespace Oversight.Compliance;

public static class Extensions
{
    public const string Section = "Compliance";
    public const int DefaultPort = 5103;

    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.AddGrpcHost(Section, DefaultPort);
        return builder;
    }

    public static WebApplication MapCompliance(this WebApplication app)
    {
        app.MapGrpcInfrastructure();
        return app;
    }
}
