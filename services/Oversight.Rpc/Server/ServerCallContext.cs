using Microsoft.AspNetCore.Http;

namespace Oversight.Rpc.Server;

/// <summary>What a service method knows about the call it is serving.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method path, "/package.Service/Method".</summary>
    public abstract string Method { get; }

    /// <summary>The caller's address, "ipv4:127.0.0.1:50712" style.</summary>
    public abstract string Peer { get; }

    /// <summary>UTC deadline from grpc-timeout, or DateTime.MaxValue.</summary>
    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>Cancelled when the client cancels, the connection drops or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Status to send when the method returns normally (OK unless set).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Compression for response messages ("gzip" or null), used when the client accepts it.</summary>
    public abstract string? ResponseCompression { get; set; }

    /// <summary>Per-call state shared between interceptors and the service method.</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>Sends response headers now; only before the first response message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    /// <summary>The underlying HTTP context, or null outside a real server call (unit tests).</summary>
    public abstract HttpContext? GetHttpContext();
}
