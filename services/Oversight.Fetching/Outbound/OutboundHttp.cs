using System.Net;

namespace Oversight.Fetching.Outbound;

/// <summary>
/// The one HTTP handler outbound fetches go through. Every connection is checked at connect time by the
/// <see cref="OutboundAddressPolicy"/> on the addresses actually dialled (after DNS), so neither a name that resolves to an
/// internal address nor a redirect to one gets through; no proxy is used (a proxy would connect on our behalf,
/// unchecked); one connection per host, so a portal never sees more than one from us at once.
/// </summary>
public static class OutboundHttp
{
    public static SocketsHttpHandler CreateHandler(OutboundAddressPolicy policy, OutboundOptions options) => new()
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
        ConnectCallback = policy.ConnectAsync,
    };
}
