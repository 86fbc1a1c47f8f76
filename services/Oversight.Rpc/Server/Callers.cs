namespace Oversight.Rpc.Server;

/// <summary>Who made a call, as recorded with what they submitted or changed.</summary>
public static class Callers
{
    /// <summary>The authenticated caller an interceptor recorded, else the peer address without its port.</summary>
    public static string Of(ServerCallContext context)
    {
        if (context.UserState.TryGetValue("caller", out var caller) && caller is string name)
        {
            return name;
        }
        var peer = context.Peer;
        var port = peer.LastIndexOf(':');
        return "anonymous@" + (port > 0 ? peer[..port] : peer);
    }
}
