using System.Globalization;
using Microsoft.Extensions.Configuration;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.Platform;

/// <summary>
/// Tells the three hosts where the others are. Each host binds its configured port (0 binds a free one, read back
/// after the bind, so no other process can take it in between); the platform starts them in the order their
/// dependencies allow and hands each the addresses already bound. Addresses configured explicitly are kept.
/// </summary>
public static class PlatformWiring
{
    /// <summary>The address a host will be reached at, when its port is configured (not 0).</summary>
    public static string? ConfiguredAddress(IConfiguration configuration, string section)
    {
        var host = configuration[$"{section}:Endpoint:Address"] ?? "127.0.0.1";
        var port = int.TryParse(configuration[$"{section}:Endpoint:Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var configured)
            ? configured : 0;
        // A host given a certificate serves TLS only.
        var scheme = string.IsNullOrWhiteSpace(configuration[$"{section}:Endpoint:CertificatePath"]) ? "http" : "https";
        return port == 0 ? null : $"{scheme}://{Reachable(host)}:{port}";
    }

    /// <summary>A bound listening address as the other hosts call it ("http://0.0.0.0:5101" is called at 127.0.0.1).</summary>
    public static string Reachable(Uri bound) => $"{bound.Scheme}://{Reachable(bound.Host)}:{bound.Port}";

    /// <summary>
    /// How the platform's own callers (the sample loader) reach the hosts: trusting the authority the hosts' server certificates
    /// come from (Access:ServerCertificateAuthorityPath, as each host's own calls do), else the system's store.
    /// </summary>
    public static ClientTransport ClientTransport(IConfiguration configuration) => ClientTransportOptions.Read(configuration).CreateTransport();

    /// <summary>Keys are verified by compliance; it writes the local administrator's and the services' keys to the data folder.</summary>
    public static Dictionary<string, string?> AccessSettings(IConfiguration configuration, string? compliance)
    {
        var wiring = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        SetUnlessConfigured(configuration, wiring, "Access:Authority", compliance);
        SetUnlessConfigured(configuration, wiring, "Access:ServiceKeyFile", Path.Combine(DataDirectory(configuration), "service.key"));
        SetUnlessConfigured(configuration, wiring, "Access:AdminKeyFile", AdminKeyFile(configuration));
        return wiring;
    }

    public static void SetUnlessConfigured(IConfiguration configuration, IDictionary<string, string?> wiring, string key, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(configuration[key]))
        {
            wiring[key] = value;
        }
    }

    /// <summary>Where the first start leaves the local administrator's key (the command line reads it from there).</summary>
    public static string AdminKeyFile(IConfiguration configuration) =>
        configuration["Access:AdminKeyFile"] is { Length: > 0 } file ? file : Path.Combine(DataDirectory(configuration), "admin.key");

    private static string DataDirectory(IConfiguration configuration) => configuration["Platform:DataDirectory"] ?? "data";

    private static string Reachable(string host) => host is "0.0.0.0" or "*" or "::" or "[::]" or "+" ? "127.0.0.1" : host;
}
