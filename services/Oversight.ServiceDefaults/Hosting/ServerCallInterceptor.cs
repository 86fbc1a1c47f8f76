using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// A server interceptor that wraps every call kind the same way: one handler per call type funnels into
/// <see cref="AroundAsync{T}"/>, so a cross-cutting step is written once.
/// </summary>
public abstract class ServerCallInterceptor : Interceptor
{
    /// <summary>Runs <paramref name="call"/> (the rest of the call); rethrow what it throws.</summary>
    protected abstract Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> call);

    /// <summary>
    /// Whether the step concerns this call at all, decided before it runs (its route, say); a call it does not concern
    /// goes straight on, without the closure and state machine a wrapped call costs.
    /// </summary>
    protected virtual bool Applies(ServerCallContext context) => true;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Applies(context) ? AroundAsync(context, () => continuation(request, context)) : continuation(request, context);

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Applies(context) ? AroundAsync(context, () => continuation(requestStream, context)) : continuation(requestStream, context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        !Applies(context) ? continuation(request, responseStream, context) : AroundAsync(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        !Applies(context) ? continuation(requestStream, responseStream, context) : AroundAsync(context, async () =>
        {
            await continuation(requestStream, responseStream, context);
            return true;
        });
}
