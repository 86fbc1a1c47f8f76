using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Oversight.Platform;

/// <summary>
/// Tells the three hosts where the others are before any starts: each service's port (a free one chosen here
/// when configured as 0), metrics' and compliance's ingestion address, ingestion's outbox targets, and where keys
/// are verified and kept (compliance; key files in the data folder).
/// Addresses configured explicitly are kept.
/// </summary>
public static class PlatformWiring
{
    private static readonly string[] Sections = ["Ingestion", "Metrics", "Compliance"];

    public static IReadOnlyDictionary<string, string?> Resolve(IConfiguration configuration)
    {
        var wiring = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            var host = configuration[$"{section}:Endpoint:Address"] ?? "127.0.0.1";
            var port = int.TryParse(configuration[$"{section}:Endpoint:Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var configured) ? configured : 0;
            if (port == 0)
            {
                // A port free now; the platform binds it a moment later, in this process.
                port = FreePort();
                wiring[$"{section}:Endpoint:Port"] = port.ToString(CultureInfo.InvariantCulture);
            }
            var reachable = host is "0.0.0.0" or "*" or "::" ? "127.0.0.1" : host;
            addresses[section] = $"http://{reachable}:{port}";
        }
        SetUnlessConfigured(configuration, wiring, "Metrics:Ingestion", addresses["Ingestion"]);
        SetUnlessConfigured(configuration, wiring, "Compliance:Ingestion", addresses["Ingestion"]);
        SetUnlessConfigured(configuration, wiring, "Ingestion:Outbox:Metrics", addresses["Metrics"]);
        SetUnlessConfigured(configuration, wiring, "Ingestion:Outbox:Compliance", addresses["Compliance"]);
        // Keys are verified by compliance; it writes the local administrator's and the services' keys to the data folder.
        SetUnlessConfigured(configuration, wiring, "Access:Authority", addresses["Compliance"]);
        SetUnlessConfigured(configuration, wiring, "Access:ServiceKeyFile", ServiceKeyFile(configuration));
        SetUnlessConfigured(configuration, wiring, "Access:AdminKeyFile", AdminKeyFile(configuration));
        return wiring;
    }

    /// <summary>Where the first start leaves the local administrator's key (the command line reads it from there).</summary>
    public static string AdminKeyFile(IConfiguration configuration) =>
        configuration["Access:AdminKeyFile"] is { Length: > 0 } file ? file : Path.Combine(DataDirectory(configuration), "admin.key");

    private static string ServiceKeyFile(IConfiguration configuration) => Path.Combine(DataDirectory(configuration), "service.key");

    private static string DataDirectory(IConfiguration configuration) => configuration["Platform:DataDirectory"] ?? "data";

    private static void SetUnlessConfigured(IConfiguration configuration, Dictionary<string, string?> wiring, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(configuration[key]))
        {
            wiring[key] = value;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
