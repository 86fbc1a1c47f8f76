using System.Net;
using System.Net.Sockets;

namespace Oversight.Testing;

/// <summary>
/// A free loopback port for hosts that must know each other's address before both start (ingestion's outbox →
/// metrics, metrics → ingestion). Drawn below Linux's ephemeral range (32768–60999), so no host asking for port 0
/// can be handed it between this check and the real bind.
/// </summary>
public static class FreePorts
{
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; draw again.
            }
        }
    }
}
