using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oversight.Testing;

/// <summary>
/// Starts one of the services the way production does, on 127.0.0.1 with a free port and its own data folder;
/// with open access unless the settings say something about "Access".
/// </summary>
public static class ServiceHosts
{
    /// <summary>
    /// Command-line settings that put each platform host's HTTP/1.1 port on a free port: its default, the gRPC port + 10,
    /// may be taken when the gRPC port itself was picked free (by another test's host, say).
    /// </summary>
    public static IReadOnlyList<string> FreeHttpPorts { get; } =
        ["--Ingestion:Endpoint:HttpPort=0", "--Metrics:Endpoint:HttpPort=0", "--Compliance:Endpoint:HttpPort=0", "--Watching:Endpoint:HttpPort=0"];

    public static Task<RunningHost> StartAsync(
        string section,
        Action<WebApplicationBuilder> add,
        Action<WebApplication> map,
        string dataDirectory,
        IDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.Configuration["Platform:DataDirectory"] = dataDirectory;
        builder.Configuration[$"{section}:Endpoint:Address"] = "127.0.0.1";
        builder.Configuration[$"{section}:Endpoint:Port"] = "0";
        // Tests of what a service does run it with open access; the access tests configure keys.
        if (settings is null || !settings.Keys.Any(k => k.StartsWith("Access:", StringComparison.OrdinalIgnoreCase)))
        {
            builder.Configuration["Access:Open"] = "true";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }
        if (time is not null)
        {
            // Registered before the service's own TryAdd of the system clock, so the service reads this one.
            builder.Services.AddSingleton(time);
        }
        add(builder);
        return RunningHost.StartAsync(builder, map);
    }
}
