using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Oversight.Ingestion.Outbox;

/// <summary>
/// How one notification is delivered: a few quick retries with exponential backoff and jitter on UNAVAILABLE
/// and DEADLINE_EXCEEDED, behind a circuit breaker so a receiver that is down is not hammered. Built once
/// per target. Anything still failing is rescheduled in the outbox, so delivery is at least once.
/// </summary>
public static class DeliveryPipeline
{
    public static ResiliencePipeline Build(TimeProvider timeProvider, TimeSpan breakDuration, TimeSpan retryDelay) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retryDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = breakDuration,
            })
            .Build();

    public static bool IsTransient(RpcException exception) =>
        exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
}
