using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>
/// How a client reaches a service: TLS (optionally with a client certificate and a private authority) for https
/// addresses; cleartext HTTP/2 only to a loopback address, or where configured explicitly (AllowPlaintext).
/// </summary>
public sealed record ClientTransport(
    X509CertificateCollection? ClientCertificates = null,
    RemoteCertificateValidationCallback? ServerCertificateValidation = null,
    bool AllowPlaintext = false)
{
    /// <summary>Largest response message a client accepts (a report's original bytes come back whole).</summary>
    public const int MaxReceiveMessageSize = 64 * 1024 * 1024;

    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            // Kestrel allows 100 concurrent streams per connection; more calls open more connections.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        handler.SslOptions.ClientCertificates = ClientCertificates;
        handler.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidation;
        return handler;
    }

    /// <summary>Channel settings for <paramref name="address"/>; refuses cleartext to a non-loopback host unless allowed.</summary>
    public void Configure(Uri address, GrpcChannelOptions options)
    {
        var plaintext = address.Scheme == Uri.UriSchemeHttp;
        if (plaintext && !AllowPlaintext && !IsLoopback(address))
        {
            throw new StartupRefusedException(
                $"拒绝以明文 HTTP/2 连接 {address}:非本机地址须使用 https(TLS),或在开发环境中显式设置 AllowPlaintext=true");
        }
        options.MaxReceiveMessageSize = MaxReceiveMessageSize;
        options.MaxSendMessageSize = MaxReceiveMessageSize;
        // Keys travel as call credentials; over cleartext only where the rule above let the address through.
        options.UnsafeUseInsecureChannelCallCredentials = plaintext;
    }

    /// <summary>A channel outside dependency injection (the command line, the platform's sample loader, tests).</summary>
    public GrpcChannel CreateChannel(string address)
    {
        var uri = new Uri(address);
        var options = new GrpcChannelOptions { HttpHandler = CreateHandler(), DisposeHttpClient = true };
        Configure(uri, options);
        return GrpcChannel.ForAddress(uri, options);
    }

    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
