using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;
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
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private readonly ServiceCredentials _credentials;

    public OutboxDispatcher(OutboxStore outbox, OutboxSignal signal, IOptions<IngestionOptions> options, ServiceCredentials credentials, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        _credentials = credentials;
        _outbox = outbox;
        _signal = signal;
        _options = options.Value.Outbox;
        _time = time;
        _logger = logger;
        AddTarget(OutboxTargets.Metrics, _options.Metrics, (channel, message, call) =>
            new MetricsClient(channel).AnalyzeReportAsync(new AnalyzeReportRequest { ReportId = message.ReportId, Revision = message.Revision }, call).ResponseAsync);
        AddTarget(OutboxTargets.Compliance, _options.Compliance, (channel, message, call) =>
            new ComplianceClient(channel).CheckReportAsync(new CheckReportRequest { ReportId = message.ReportId, Revision = message.Revision }, call).ResponseAsync);
    }

    public override void Dispose()
    {
        foreach (var target in _targets.Values)
        {
            target.Channel.Dispose();
        }
        base.Dispose();
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
                var due = await _outbox.DueAsync(_time.GetUtcNow(), _options.BatchSize, stoppingToken);
                var deliverable = due.Where(m => _targets.ContainsKey(m.Target)).ToList();
                if (deliverable.Count == 0)
                {
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken);
                    continue;
                }
                // Due rows hold at most one per report and target (older ones block younger), so all can go at once.
                var delivered = new System.Collections.Concurrent.ConcurrentBag<long>();
                await Parallel.ForEachAsync(deliverable, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = stoppingToken },
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
        try
        {
            await target.Pipeline.ExecuteAsync(async token =>
                await target.Send(target.Channel, message, new CallOptions(Deadline: _time.GetUtcNow().UtcDateTime.Add(_options.CallTimeout), CancellationToken: token)),
                cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RpcException or BrokenCircuitException)
        {
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

    private void AddTarget(string name, string address, Func<GrpcChannel, OutboxMessage, CallOptions, Task> send)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }
        var pipeline = DeliveryPipeline.Build(_time, _options.BreakDuration, TimeSpan.FromMilliseconds(50));
        _targets[name] = new Target(GrpcChannel.ForAddress(address, _credentials.ChannelOptions()), pipeline, send);
    }

    private sealed record Target(GrpcChannel Channel, ResiliencePipeline Pipeline, Func<GrpcChannel, OutboxMessage, CallOptions, Task> Send);
}
