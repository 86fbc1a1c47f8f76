using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Oversight.ServiceDefaults.Security;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>Where a gRPC host listens. h2c (prior knowledge) without a certificate; TLS with ALPN h2 with one.</summary>
public sealed class GrpcEndpointOptions
{
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; }

    /// <summary>PFX or PEM certificate for TLS; empty for cleartext HTTP/2.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>PEM private key when the certificate is PEM.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>
    /// With TLS: a PEM certificate authority whose client certificates this endpoint accepts (mutual TLS between
    /// the services). Callers without a certificate are still served; one from another authority is refused in the handshake.
    /// </summary>
    public string? ClientCertificateAuthorityPath { get; set; }

    public static GrpcEndpointOptions FromConfiguration(IConfiguration section)
    {
        var options = new GrpcEndpointOptions();
        section.Bind(options);
        return options;
    }

    public bool IsLoopback => Address is "localhost" || (IPAddress.TryParse(Address, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Adds the endpoint to Kestrel, HTTP/2 only (cleartext HTTP/1.1 negotiation would silently win otherwise).</summary>
    /// <summary>The address to listen on ("localhost" is the loopback address).</summary>
    public IPAddress ListenAddress => Address == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Address);

    public void ApplyTo(KestrelServerOptions kestrel)
    {
        kestrel.Listen(ListenAddress, Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (string.IsNullOrEmpty(CertificatePath))
            {
                return;
            }
            if (string.IsNullOrEmpty(ClientCertificateAuthorityPath))
            {
                listen.UseHttps(LoadCertificate());
                return;
            }
            var authorities = CertificateTrust.LoadAuthorities(ClientCertificateAuthorityPath);
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = LoadCertificate(),
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (certificate, _, _) => CertificateTrust.IsIssuedBy(certificate, authorities),
            });
        });
    }

    private X509Certificate2 LoadCertificate() => CertificateTrust.LoadWithKey(CertificatePath!, CertificateKeyPath, CertificatePassword);
}
