using Google.Protobuf.Reflection;

namespace Oversight.Rpc.Server;

/// <summary>
/// A service implementation. It names the generated descriptor of the proto service it implements and
/// has one public method per RPC, named as in the proto, with the signature of its call type:
/// <code>
/// unary:            Task&lt;TResponse&gt; M(TRequest, ServerCallContext)
/// server streaming: Task M(TRequest, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)
/// client streaming: Task&lt;TResponse&gt; M(IAsyncStreamReader&lt;TRequest&gt;, ServerCallContext)
/// bidirectional:    Task M(IAsyncStreamReader&lt;TRequest&gt;, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)
/// </code>
/// A missing or mis-typed method fails at startup (see <see cref="ServiceBinder"/>).
/// </summary>
public interface IGrpcService
{
    static abstract ServiceDescriptor Descriptor { get; }
}
