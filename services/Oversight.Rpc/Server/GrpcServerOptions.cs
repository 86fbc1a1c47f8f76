using System.IO.Compression;

namespace Oversight.Rpc.Server;

public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest response message sent.</summary>
    public int MaxSendMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>Response compression ("gzip" or null), used for clients whose grpc-accept-encoding names it.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>Puts exception messages into INTERNAL statuses. Development only.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Interceptor types, outermost first; created once from the service provider.</summary>
    public IList<Type> Interceptors { get; } = [];
}
