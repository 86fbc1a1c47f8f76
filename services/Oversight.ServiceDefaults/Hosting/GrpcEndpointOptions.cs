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

    /// <summary>The address to listen on ("localhost" is the loopback address).</summary>
    public IPAddress ListenAddress => Address == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Address);

    /// <summary>
    /// Cleartext only: the port HTTP/1.1 callers reach the HTTP/JSON routes and the OpenAPI document on. Kestrel does
    /// not tell HTTP/1.1 from prior-knowledge HTTP/2 on one cleartext port (it answers h2c HTTP_1_1_REQUIRED there), so
    /// gRPC keeps <see cref="Port"/>, HTTP/2 only, and HTTP/1.1 gets a port of its own. Unset: <see cref="Port"/> + 10
    /// (5111 beside 5101), or a free one when <see cref="Port"/> is 0; negative: none. With TLS, one port speaks both
    /// (ALPN picks h2 or http/1.1) and this is not used.
    /// </summary>
    public int? HttpPort { get; set; }

    /// <summary>The HTTP/1.1 listener once added (its bound port is known after start), or null.</summary>
    public ListenOptions? HttpListener { get; private set; }

    /// <summary>The cleartext HTTP/1.1 port to listen on, or null for none.</summary>
    public int? Http1Port => !string.IsNullOrEmpty(CertificatePath) ? null : HttpPort switch
    {
        null => Port == 0 ? 0 : Port + 10,
        < 0 => null,
        var port => port,
    };

    /// <summary>
    /// Adds the endpoint to Kestrel. Cleartext: HTTP/2 only by prior knowledge (gRPC, and HTTP/JSON from HTTP/2 clients),
    /// with HTTP/1.1 on <see cref="HttpPort"/>. TLS: HTTP/1.1 and HTTP/2 on one port, ALPN choosing.
    /// </summary>
    public void ApplyTo(KestrelServerOptions kestrel)
    {
        kestrel.Listen(ListenAddress, Port, listen =>
        {
            listen.Protocols = string.IsNullOrEmpty(CertificatePath) ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2;
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

    /// <summary>Adds the cleartext HTTP/1.1 listener for the HTTP/JSON routes, after the gRPC one (whose address comes first).</summary>
    public void ApplyHttp1To(KestrelServerOptions kestrel)
    {
        if (Http1Port is { } port)
        {
            kestrel.Listen(ListenAddress, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                HttpListener = listen;
            });
        }
    }

    /// <summary>The HTTP/JSON base address after start: the HTTP/1.1 port's, else (TLS) the endpoint's own; null when neither.</summary>
    public Uri? HttpAddress(Uri grpcAddress) => HttpListener is { IPEndPoint: { } bound }
        ? new Uri($"http://{grpcAddress.Host}:{bound.Port}")
        : string.IsNullOrEmpty(CertificatePath) ? null : grpcAddress;

    private X509Certificate2 LoadCertificate() => CertificateTrust.LoadWithKey(CertificatePath!, CertificateKeyPath, CertificatePassword);
}
