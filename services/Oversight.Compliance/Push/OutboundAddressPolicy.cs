using System.Net;
using System.Net.Sockets;

namespace Oversight.Compliance.Push;

/// <summary>A target address the policy refuses; the message says which and why, in Chinese.</summary>
public sealed class PushTargetRefusedException(string message) : IOException(message);

/// <summary>
/// Where webhooks may go: public addresses only, unless a network is on the deployment's allow list. Loopback, private,
/// link-local, shared (CGNAT), benchmarking, documentation, multicast, reserved and unspecified ranges, IPv6 unique-local
/// and site-local, and IPv4 addresses carried inside IPv6 (mapped, NAT64, 6to4); Teredo lies in the non-public 2001::/23 by the address they carry.
/// Checked on the addresses a name resolves to at connection time, so a name that resolves elsewhere later (DNS
/// rebinding) is refused then.
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

    /// <param name="allowedNetworks">Networks that are not public but allowed ("Compliance:Push:AllowedNetworks").</param>
    /// <param name="resolve">How a name is looked up: the system resolver, unless a test stands in for DNS without leaving loopback.</param>
    public OutboundAddressPolicy(IEnumerable<string> allowedNetworks, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        _allowed = [.. allowedNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new ArgumentException($"Compliance:Push:AllowedNetworks 中的 '{n}' 不是 CIDR 网段:请写成 10.20.0.0/16 或 127.0.0.1/32 的形式"))];
    }

    /// <summary>Null when the address may be connected to; else why not.</summary>
    public string? Refusal(IPAddress address)
    {
        if (_allowed.Any(n => n.Contains(address)) || (address.IsIPv4MappedToIPv6 && _allowed.Any(n => n.Contains(address.MapToIPv4()))))
        {
            return null;
        }
        var carried = Carried(address);
        if (carried is not null && !carried.Equals(address))
        {
            return Refusal(carried) is null ? null : $"{address} 承载的 IPv4 地址 {carried} 不是公网地址";
        }
        return NonPublic.Any(n => n.Contains(address)) ? $"{address} 不是公网地址(回环、内网、链路本地或保留网段)" : null;
    }

    /// <summary>The addresses a host resolves to, all of which must be allowed.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await _resolve(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        if (addresses.Select(Refusal).FirstOrDefault(r => r is not null) is { } refusal)
        {
            throw new PushTargetRefusedException($"推送地址 {host} 被拒绝:{refusal}。如确需推送到该网段,请在 Compliance:Push:AllowedNetworks 中列出");
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
