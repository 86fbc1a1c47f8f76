using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// A Kestrel connection middleware that holds at most a number of connections per source address. The one over
/// the limit is closed before any byte is read, so one address flooding the port cannot use up the host's
/// connections (<see cref="ConnectionLimitOptions.MaxConnections"/>) that callers from other addresses need.
/// </summary>
public sealed partial class AddressConnectionLimit(int limit, ILogger logger)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();
    private long _refused;

    /// <summary>Connections refused for their address since the host started.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (!TryEnter(address))
        {
            if (Interlocked.Increment(ref _refused) % 1_000 == 1)
            {
                // Logged for the first refusal and then every thousandth, so a flood cannot flood the log too.
                LogRefused(logger, address.ToString(), limit, Refused);
            }
            connection.Abort(new ConnectionAbortedException("Too many connections from one address."));
            return;
        }
        try
        {
            await next(connection);
        }
        finally
        {
            Leave(address);
        }
    };

    private bool TryEnter(IPAddress address)
    {
        while (true)
        {
            var current = _open.GetOrAdd(address, 0);
            if (current >= limit)
            {
                return false;
            }
            if (_open.TryUpdate(address, current + 1, current))
            {
                return true;
            }
        }
    }

    private void Leave(IPAddress address)
    {
        while (_open.TryGetValue(address, out var current))
        {
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<IPAddress, int>(address, current)) : _open.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Connection from {Address} refused: it holds {Limit} connections already ({Refused} refused so far).")]
    private static partial void LogRefused(ILogger logger, string address, int limit, long refused);
}
