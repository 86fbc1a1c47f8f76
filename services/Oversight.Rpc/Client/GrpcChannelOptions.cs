using System.IO.Compression;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Oversight.Rpc.Client;

public sealed class GrpcChannelOptions
{
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024 * 1024;

    public int MaxSendMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>Compression for request messages ("gzip" or null).</summary>
    public string? RequestCompression { get; set; }

    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Sent with every call (an API key as a bearer token).</summary>
    public CallCredentials? Credentials { get; set; }

    /// <summary>Client certificates for mutual TLS.</summary>
    public X509CertificateCollection? ClientCertificates { get; set; }

    /// <summary>Server certificate check for TLS; null uses the system's trust store.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>Replaces the SocketsHttpHandler the channel would build (tests, proxies).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Disposes the HttpHandler with the channel.</summary>
    public bool DisposeHttpHandler { get; set; } = true;
}
