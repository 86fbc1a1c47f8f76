using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// Logs each call's method, peer, status and duration (never its metadata, which may hold keys), and counts calls
/// and their duration per method and status on the "Oversight.Rpc" meter.
/// </summary>
public sealed partial class CallTelemetryInterceptor : ServerCallInterceptor, IDisposable
{
    public const string MeterName = "Oversight.Rpc";

    // Status codes 0–16 boxed once, for the tag lists.
    private static readonly object[] BoxedCodes = Enumerable.Range(0, 17).Select(code => (object)code).ToArray();

    private readonly ILogger<CallTelemetryInterceptor> _logger;
    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public CallTelemetryInterceptor(ILogger<CallTelemetryInterceptor> logger, IMeterFactory meterFactory)
    {
        _logger = logger;
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>("oversight.rpc.server.calls", description: "Calls served");
        _duration = _meter.CreateHistogram<double>("oversight.rpc.server.duration", unit: "ms", description: "Call duration");
    }

    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            var result = await call();
            code = context.Status.StatusCode;
            return result;
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The call's deadline is on the system's wall clock, as grpc-dotnet set it.
            code = context.Deadline <= TimeProvider.System.GetUtcNow().UtcDateTime ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw;
        }
        catch
        {
            code = StatusCode.Internal;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (_calls.Enabled || _duration.Enabled)
            {
                var tags = new TagList { { "rpc.method", context.Method }, { "rpc.grpc.status_code", BoxedCodes[(int)code] } };
                _calls.Add(1, tags);
                _duration.Record(elapsed, tags);
            }
            // The peer is a string grpc-dotnet builds on first use: only when the line is written.
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                CallFinished(_logger, context.Method, context.Peer, code, elapsed);
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    [LoggerMessage(1, LogLevel.Debug, "Call '{Method}' from {Peer} finished with {StatusCode} in {ElapsedMilliseconds} ms.")]
    private static partial void CallFinished(ILogger logger, string method, string peer, StatusCode statusCode, double elapsedMilliseconds);
}
