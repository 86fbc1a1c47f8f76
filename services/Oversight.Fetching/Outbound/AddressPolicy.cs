using System.Net;
using System.Net.Sockets;

namespace Oversight.Fetching.Outbound;

/// <summary>
/// Which IP addresses outbound requests may connect to: public ones, and the non-public ones (loopback, private,
/// link-local, carrier-grade NAT, reserved, multicast) only inside a network the configuration lists. Applied to the
/// address actually connected to, so a name that resolves to an internal address is refused like the address itself.
/// </summary>
public sealed class AddressPolicy
{
    // Ranges that are not the public internet: a fetch to them could reach the platform itself or its neighbours.
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] _allowed;

    public AddressPolicy(IEnumerable<string> allowedNetworks)
    {
        _allowed = [.. allowedNetworks.Select(Parse)];
    }

    /// <summary>True when a connection to <paramref name="address"/> may be made.</summary>
    public bool Allows(IPAddress address)
    {
        // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (_allowed.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address)))
        {
            return true;
        }
        return !NonPublic.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address))
            && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }

    private static IPNetwork Parse(string network) =>
        IPNetwork.TryParse(network.Trim(), out var parsed)
            ? parsed
            : IPAddress.TryParse(network.Trim(), out var single)
                ? new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
                : throw new ArgumentException($"Outbound:AllowedNetworks: '{network}' is not a network (CIDR) or an address", nameof(network));
}
