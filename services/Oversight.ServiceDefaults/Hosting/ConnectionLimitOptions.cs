using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// "{Section}:Connections": how many TCP connections a host holds. A flood of idle connections must meet a limit
/// before the process meets its open-file limit or its memory: the platform runs three hosts in one process, so
/// three times <see cref="MaxConnections"/> stays well under the usual 20,000 files. Connections over a limit are
/// accepted and closed at once, so the listen backlog keeps draining and callers already connected keep working.
/// </summary>
public sealed class ConnectionLimitOptions
{
    /// <summary>Connections the host holds at once, from everyone.</summary>
    public int MaxConnections { get; set; } = 4_000;

    /// <summary>Connections one source address holds at once (a gRPC client needs one; a gateway or NAT a few dozen).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 500;

    /// <summary>Calls one HTTP/2 connection may have open at once.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>A connection with no call open for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sets Kestrel's limits and puts the per-address limit in front of every endpoint the host listens on.</summary>
    public void ApplyTo(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxConcurrentConnections = MaxConnections;
        kestrel.Limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        kestrel.Limits.KeepAliveTimeout = IdleTimeout;
        var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<AddressConnectionLimit>();
        var perAddress = new AddressConnectionLimit(MaxConnectionsPerAddress, logger);
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(perAddress.Wrap));
    }
}
