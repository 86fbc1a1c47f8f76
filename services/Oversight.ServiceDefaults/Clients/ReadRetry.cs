using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>
/// Retries for idempotent reads from another service (a report fetched, a key verified): two quick retries with
/// exponential backoff and jitter on UNAVAILABLE, never on an answer. Built once per client.
/// </summary>
public static class ReadRetry
{
    public static ResiliencePipeline Build(TimeProvider timeProvider, TimeSpan? delay = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(ex => ex.StatusCode == StatusCode.Unavailable),
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay ?? TimeSpan.FromMilliseconds(100),
            })
            .Build();
}
