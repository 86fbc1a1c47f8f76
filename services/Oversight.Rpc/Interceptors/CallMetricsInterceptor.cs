using System.Diagnostics;
using System.Diagnostics.Metrics;
using Oversight.Rpc.Server;

namespace Oversight.Rpc.Interceptors;

/// <summary>Counts calls and records their duration per method and status ("Oversight.Rpc" meter).</summary>
public sealed class CallMetricsInterceptor : ServerInterceptor, IDisposable
{
    public const string MeterName = "Oversight.Rpc";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public CallMetricsInterceptor(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>("oversight.rpc.server.calls", description: "Calls served");
        _duration = _meter.CreateHistogram<double>("oversight.rpc.server.duration", unit: "ms", description: "Call duration");
    }

    public override Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        return CallOutcome.RunAsync(context, next, code =>
        {
            var tags = new TagList { { "rpc.method", context.Method }, { "rpc.grpc.status_code", (int)code } };
            _calls.Add(1, tags);
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        });
    }

    public void Dispose() => _meter.Dispose();
}
