using System.Net;
using System.Net.Sockets;

namespace Oversight.Testing;

/// <summary>
/// Idle TCP connections to a host from one loopback source address (127.0.0.0/8 is all loopback on Linux, so a
/// flood from 127.0.0.2 is another address than the test's own client on 127.0.0.1). They never send a byte.
/// </summary>
public sealed class ConnectionFlood : IDisposable
{
    private readonly List<Socket> _sockets;
    private readonly int _refusedAtConnect;

    private ConnectionFlood(List<Socket> sockets, int refusedAtConnect)
    {
        _sockets = sockets;
        _refusedAtConnect = refusedAtConnect;
    }

    public static async Task<ConnectionFlood> OpenAsync(Uri host, IPAddress from, int count)
    {
        var sockets = new List<Socket>(count);
        var refused = 0;
        var target = new IPEndPoint(IPAddress.Parse(host.Host), host.Port);
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(from, 0));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await socket.ConnectAsync(target, timeout.Token);
                sockets.Add(socket);
            }
            catch (SocketException)
            {
                // Accepted and closed so quickly that the handshake itself saw the reset: closed all the same.
                socket.Dispose();
                refused++;
            }
        }
        return new ConnectionFlood(sockets, refused);
    }

    /// <summary>How many of the connections the server closed within the time given (a read ends or fails).</summary>
    public async Task<int> CountClosedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var reads = _sockets.Select(async socket =>
        {
            var buffer = new byte[64];
            try
            {
                // The server sends nothing before the client's preface; a read that ends means it closed the connection.
                return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
            }
            catch (SocketException)
            {
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        });
        return _refusedAtConnect + (await Task.WhenAll(reads)).Count(closed => closed);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
