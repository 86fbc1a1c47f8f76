using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Polly;
using Polly.CircuitBreaker;

namespace Oversight.Ingestion.Outbox;

/// <summary>
/// Delivers outbox notifications to metrics (AnalyzeReport) and compliance (CheckReport): due rows oldest
/// first, different reports in parallel, one report's notifications in order. Receivers are idempotent, so a
/// notification delivered twice (a crash between the call and the mark) does no harm.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly OutboxStore _outbox;
    private readonly OutboxSignal _signal;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly OutboxTelemetry _telemetry;
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);

    public OutboxDispatcher(OutboxStore outbox, OutboxSignal signal, IOptions<IngestionOptions> options, GrpcClientFactory clients, TimeProvider time,
        OutboxTelemetry telemetry, ILogger<OutboxDispatcher> logger)
    {
        _telemetry = telemetry;
        _outbox = outbox;
        _signal = signal;
        _options = options.Value.Outbox;
        _time = time;
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(_options.Metrics))
        {
            var metrics = clients.CreateClient<MetricsService.MetricsServiceClient>(nameof(MetricsService.MetricsServiceClient));
            AddTarget(OutboxTargets.Metrics, (message, call) =>
                metrics.AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = message.ReportId, Revision = message.Revision }, call).ResponseAsync);
        }
        if (!string.IsNullOrWhiteSpace(_options.Compliance))
        {
            var compliance = clients.CreateClient<ComplianceService.ComplianceServiceClient>(nameof(ComplianceService.ComplianceServiceClient));
            AddTarget(OutboxTargets.Compliance, (message, call) =>
                compliance.CheckReportAsync(new CheckReportRequest { ReportId = message.ReportId, Revision = message.Revision }, call).ResponseAsync);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_targets.Count == 0)
        {
            IngestionLog.OutboxIdle(_logger);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = _time.GetUtcNow();
                await _telemetry.SampleAsync(_outbox, now, stoppingToken);
                var deliverable = await _outbox.ClaimDueAsync(now, now.Add(_options.ClaimLease), _targets.Keys, _options.BatchSize, stoppingToken);
                if (deliverable.Count == 0)
                {
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken);
                    continue;
                }
                // Due rows hold at most one per report and target (older ones block younger), so all can go at once.
                var delivered = new System.Collections.Concurrent.ConcurrentBag<long>();
                await Parallel.ForEachAsync(deliverable,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = stoppingToken },
                    async (message, token) =>
                    {
                        if (await DeliverAsync(message, token))
                        {
                            delivered.Add(message.Id);
                        }
                    });
                if (!delivered.IsEmpty)
                {
                    await _outbox.MarkDeliveredAsync(delivered.ToArray(), _time.GetUtcNow(), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The outbox database itself failed; the rows are still there for the next round.
                IngestionLog.OutboxRoundFailed(_logger, ex);
                await Task.Delay(_options.PollInterval, _time, stoppingToken);
            }
        }
    }

    /// <summary>True when delivered; a failure is rescheduled with backoff.</summary>
    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var target = _targets[message.Target];
        // The call inside continues the trace of the submission that stored the report (traceparent in the row).
        using var activity = OutboxTelemetry.StartDelivery(message);
        try
        {
            await target.Pipeline.ExecuteAsync(async token =>
                await target.Send(message, new CallOptions(deadline: _time.GetUtcNow().UtcDateTime.Add(_options.CallTimeout), cancellationToken: token)),
                cancellationToken);
            _telemetry.Delivered(message.Target);
            return true;
        }
        catch (Exception ex) when (ex is RpcException or BrokenCircuitException)
        {
            _telemetry.Failed(message.Target);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            var next = _time.GetUtcNow().Add(Backoff(message.Attempts));
            IngestionLog.DeliveryFailed(_logger, message.Target, message.ReportId, message.Revision, message.Attempts + 1, ex.Message);
            await _outbox.MarkFailedAsync(message.Id, ex.Message, next, cancellationToken);
            return false;
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(attempts, 16)));
        var capped = exponential < _options.MaxBackoff ? exponential : _options.MaxBackoff;
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    private void AddTarget(string name, Func<OutboxMessage, CallOptions, Task> send) =>
        _targets[name] = new Target(DeliveryPipeline.Build(_time, _options.BreakDuration, TimeSpan.FromMilliseconds(50)), send);

    private sealed record Target(ResiliencePipeline Pipeline, Func<OutboxMessage, CallOptions, Task> Send);
}
