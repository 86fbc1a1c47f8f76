using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oversight.Rpc.Server;

namespace Oversight.Rpc.Interceptors;

/// <summary>Logs each call's method, peer, status and duration (never its metadata, which may hold keys).</summary>
public sealed class CallLoggingInterceptor(ILogger<CallLoggingInterceptor> logger) : ServerInterceptor
{
    public override Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        return CallOutcome.RunAsync(context, next, code =>
            ServerLog.CallFinished(logger, context.Method, context.Peer, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
    }
}
