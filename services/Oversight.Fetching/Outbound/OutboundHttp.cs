using System.Net;
using System.Net.Sockets;

namespace Oversight.Fetching.Outbound;

/// <summary>
/// The one HTTP handler outbound requests go through. Every connection is checked at connect time against the
/// <see cref="AddressPolicy"/> on the address actually dialled (after DNS), so neither a name that resolves to an
/// internal address nor a redirect to one gets through; no proxy is used (a proxy would connect on our behalf,
/// unchecked); one connection per host, so a portal never sees more than one from us at once.
/// </summary>
public static class OutboundHttp
{
    public static SocketsHttpHandler CreateHandler(AddressPolicy policy, OutboundOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        MaxConnectionsPerServer = 1,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxResponseHeadersLength = 64,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(policy.Allows).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(host, addresses);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
