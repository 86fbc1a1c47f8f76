using System.Net;
using System.Net.Sockets;

namespace Oversight.Fetching.Outbound;

/// <summary>
/// The one place that decides which addresses the platform may connect out to, for portal fetching ("Outbound:AllowedNetworks")
/// and push deliveries ("Compliance:Push:AllowedNetworks") alike: public addresses, and the non-public ones (loopback, private,
/// link-local, shared (CGNAT), benchmarking, documentation, multicast, reserved and unspecified ranges, IPv6 unique-local and
/// site-local, Teredo) only inside a network the caller's configuration lists. An IPv4 address carried inside IPv6 (mapped,
/// NAT64, 6to4) is judged as the address it carries. Checked on every address a name resolves to, at connection time, and the
/// connection goes to exactly the addresses checked (never resolving again), so a name that resolves to an internal address,
/// now or later (DNS rebinding), is refused like the address itself.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private static readonly IPNetwork[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001::/23", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly IPNetwork[] _allowed;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <param name="allowedNetworks">Networks (CIDR, or a single address) that are not public but may be reached.</param>
    /// <param name="resolve">How a name is looked up: the system resolver, unless a test stands in for DNS without leaving loopback.</param>
    /// <param name="setting">The configuration key the networks come from, named when one of them is not a network.</param>
    public OutboundAddressPolicy(
        IEnumerable<string> allowedNetworks,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
        string setting = OutboundOptions.Section + ":" + nameof(OutboundOptions.AllowedNetworks))
    {
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        _allowed = [.. allowedNetworks.Select(n => Parse(n, setting))];
    }

    /// <summary>True when a connection to <paramref name="address"/> may be made.</summary>
    public bool Allows(IPAddress address) => Refusal(address) is null;

    /// <summary>Null when the address may be connected to; else why not, in Chinese.</summary>
    public string? Refusal(IPAddress address)
    {
        if (Listed(address) || (address.IsIPv4MappedToIPv6 && Listed(address.MapToIPv4())))
        {
            return null;
        }
        var carried = Carried(address);
        if (carried is not null && !carried.Equals(address))
        {
            return Refusal(carried) is null ? null : $"{address} 承载的 IPv4 地址 {carried} 不是公网地址";
        }
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return $"{address} 不是 IP 地址";
        }
        return NonPublic.Any(n => n.Contains(address)) ? $"{address} 不是公网地址(回环、内网、链路本地或保留网段)" : null;
    }

    /// <summary>
    /// The addresses a host resolves to, every one of which must be allowed (a name with one internal answer among public ones
    /// is refused: which answer a connection gets is not ours to choose). Throws <see cref="OutboundAddressRefusedException"/>
    /// when one is not, a <see cref="SocketException"/> when the name does not resolve.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await _resolve(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        if (addresses.Select(Refusal).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new OutboundAddressRefusedException(host, refusal);
        }
        return addresses;
    }

    /// <summary>For SocketsHttpHandler.ConnectCallback: resolves, checks, and connects to the addresses checked (never resolving again).</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool Listed(IPAddress address) => _allowed.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));

    private static IPNetwork Parse(string network, string setting) =>
        IPNetwork.TryParse(network.Trim(), out var parsed)
            ? parsed
            : IPAddress.TryParse(network.Trim(), out var single)
                ? new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
                : throw new ArgumentException($"{setting} 中的 '{network}' 不是网段(CIDR)或地址:请写成 10.20.0.0/16 或 127.0.0.1/32 的形式");

    private static IPAddress? Carried(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return new IPAddress(bytes[12..16]);
        }
        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes[2..6]);
        }
        return null;
    }
}
