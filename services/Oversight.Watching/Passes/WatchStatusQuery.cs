using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Watching.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Watching.Storage;

namespace Oversight.Watching.Passes;

/// <summary>GetWatchStatus: the latest passes and the hosts failing often enough to be skipped.</summary>
public sealed class WatchStatusQuery(WatchStore store, IOptions<WatchingOptions> options)
{
    public async Task<WatchStatus> GetAsync(GetWatchStatusRequest request, CancellationToken cancellationToken)
    {
        if (request.Passes is < 0 or > 100)
        {
            throw Guard.Invalid(Vocabulary.Reasons.PageSizeInvalid, Fields.Of<GetWatchStatusRequest>(GetWatchStatusRequest.PassesFieldNumber),
                $"passes 为 {request.Passes}:请填写 1 到 100,或 0 表示 10");
        }
        var status = new WatchStatus();
        status.Passes.AddRange(await store.LatestPassesAsync(request.Passes == 0 ? 10 : request.Passes, cancellationToken));
        status.FailingHosts.AddRange((await store.HostsAsync(cancellationToken))
            .Where(h => h.Failures >= options.Value.FailuresBeforeSkip)
            .Select(h => new HostHealth
            {
                Host = h.Host, ConsecutiveFailures = h.Failures, LastError = h.Error, RetryAfter = Timestamp.FromDateTimeOffset(h.RetryAfter),
            }));
        return status;
    }
}
