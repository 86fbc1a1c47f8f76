using Oversight.Storage.Dialects;
using Polly;
using Polly.Retry;

namespace Oversight.Storage.Resilience;

/// <summary>
/// The one retry pipeline of a database: exponential backoff with jitter on the dialect's transient errors,
/// nothing else retried. Built once per database; the TimeProvider is injected so tests never sleep.
/// </summary>
public static class StorageResilience
{
    public static ResiliencePipeline Build(ISqlDialect dialect, TimeProvider timeProvider, int maxRetries = 6, TimeSpan? baseDelay = null) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(dialect.IsTransient),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromSeconds(2),
            })
            .Build();
}
