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

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, () => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, () => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, async () =>
        {
            await continuation(requestStream, responseStream, context);
            return true;
        });
}
