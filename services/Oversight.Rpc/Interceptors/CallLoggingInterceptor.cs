using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oversight.Rpc.Server;

namespace Oversight.Rpc.Interceptors;

/// <summary>Logs each call's method, peer, status and duration (never its metadata, which may hold keys).</summary>
public sealed class CallLoggingInterceptor(ILogger<CallLoggingInterceptor> logger) : ServerInterceptor
{
    public override async Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            await next(context).ConfigureAwait(false);
            code = context.Status.StatusCode;
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            code = context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw;
        }
        catch
        {
            code = StatusCode.Internal;
            throw;
        }
        finally
        {
            ServerLog.CallFinished(logger, context.Method, context.Peer, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
