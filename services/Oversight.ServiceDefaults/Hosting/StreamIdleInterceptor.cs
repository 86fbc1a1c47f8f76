using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// A stream whose client stops sending (it waits for a message that never comes) or stops reading (a response write
/// waits on flow control) for "{Section}:StreamIdleTimeout" ends with DEADLINE_EXCEEDED and the reason STREAM_IDLE,
/// so a slow or stuck client cannot hold a call, its database work or its memory forever. What the stream completed
/// before stands (an IngestReports result already sent is stored). When the host stops (SIGTERM), a stream waiting for
/// its client's next message ends at once with UNAVAILABLE and the reason SERVICE_STOPPING instead of holding the
/// shutdown for its grace period.
/// </summary>
public sealed class StreamIdleInterceptor(IOptions<ServiceHostOptions> options, TimeProvider time,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime) : Interceptor
{
    private readonly TimeSpan _idle = options.Value.StreamIdleTimeout;
    private readonly CancellationToken _stopping = lifetime.ApplicationStopping;

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new IdleReader<TRequest>(requestStream, _idle, time, _stopping), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(request, new IdleWriter<TResponse>(responseStream, _idle, time, context.CancellationToken), context);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new IdleReader<TRequest>(requestStream, _idle, time, _stopping),
            new IdleWriter<TResponse>(responseStream, _idle, time, context.CancellationToken), context);

    private static RpcException Idle(TimeSpan idle, string what) => new ServiceError(StatusCode.DeadlineExceeded, Reasons.StreamIdle,
        $"流已空闲 {idle.TotalSeconds:0} 秒({what}):连接已结束,已确认的结果有效;请保持发送或读取,或重新建立流").ToRpcException();

    private sealed class IdleReader<T>(IAsyncStreamReader<T> inner, TimeSpan idle, TimeProvider time, CancellationToken stopping) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (stopping.IsCancellationRequested)
            {
                throw Stopping();
            }
            using var timeout = new CancellationTokenSource(idle, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, stopping);
            try
            {
                return await inner.MoveNext(linked.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Stopping();
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Idle(idle, "客户端未再发送消息");
            }
        }
    }

    private static RpcException Stopping() => new ServiceError(StatusCode.Unavailable, Reasons.ServiceStopping,
        "服务正在停止:流已结束,已确认的结果有效;请稍后重新建立流,重复提交会被识别为重复").ToRpcException();

    private sealed class IdleWriter<T>(IServerStreamWriter<T> inner, TimeSpan idle, TimeProvider time, CancellationToken call) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            var write = inner.WriteAsync(message, cancellationToken);
            if (write.IsCompleted)
            {
                await write;
                return;
            }
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(call, cancellationToken);
            var waited = await Task.WhenAny(write, Task.Delay(idle, time, stop.Token));
            if (waited != write)
            {
                throw Idle(idle, "客户端未读取响应");
            }
            // The write won: end the wait's timer now rather than when it would have fired.
            await stop.CancelAsync();
            await write;
        }
    }
}
