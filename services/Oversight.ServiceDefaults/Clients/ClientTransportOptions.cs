using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Oversight.ServiceDefaults.Security;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>
/// How a host's calls to the services reach them, read from the "Access" section by every caller (the services' access
/// settings extend it; the web console and the platform's sample loader read it alone): which authority the servers'
/// certificates must come from, and whether cleartext may go to non-loopback addresses.
/// </summary>
public class ClientTransportOptions
{
    public const string Section = "Access";

    /// <summary>The authority (PEM) the other services' server certificates must come from; empty trusts the system's store.</summary>
    public string? ServerCertificateAuthorityPath { get; set; }

    /// <summary>
    /// Call other services over cleartext HTTP/2 at non-loopback addresses (keys then travel unencrypted). Development
    /// and trusted cluster networks only; loopback addresses never need it.
    /// </summary>
    public bool AllowPlaintext { get; set; }

    /// <summary>The "Access" section's transport settings of <paramref name="configuration"/> (defaults when it has none).</summary>
    public static ClientTransportOptions Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClientTransportOptions>() ?? new ClientTransportOptions();

    /// <summary>The transport these settings describe, presenting <paramref name="clientCertificates"/> when given (mutual TLS).</summary>
    public ClientTransport CreateTransport(X509CertificateCollection? clientCertificates = null) => new(
        clientCertificates,
        string.IsNullOrWhiteSpace(ServerCertificateAuthorityPath)
            ? null
            : CertificateTrust.ServerValidation(CertificateTrust.LoadAuthorities(ServerCertificateAuthorityPath)),
        AllowPlaintext);
}
