namespace Oversight.Rpc.Server;

/// <summary>
/// A cross-cutting step around every call (authentication, logging, metrics). Runs after the transport
/// has validated the request and before the service method; throw an <see cref="RpcException"/> to end
/// the call with that status. Interceptors are singletons and must be thread-safe.
/// </summary>
public abstract class ServerInterceptor
{
    public abstract Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next);
}
