using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Watching.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Watching.Passes;
using Oversight.Watching.Storage;
using Google.Protobuf.WellKnownTypes;

namespace Oversight.Watching.Grpc;

/// <summary>oversight.watching.v1.WatchingService: adapts calls to the runner and the store; a pass covers only the caller's scope.</summary>
public sealed class WatchingGrpcService(WatchRunner runner, WatchStore store, Microsoft.Extensions.Options.IOptions<WatchingOptions> options)
    : WatchingService.WatchingServiceBase
{
    public override async Task<WatchPass> RunWatch(RunWatchRequest request, ServerCallContext context)
    {
        Guard.Filter(Fields.Of(RunWatchRequest.Descriptor, RunWatchRequest.CodePrefixFieldNumber), ScopeRules.PrefixError("code_prefix", request.CodePrefix));
        // Narrowed to the caller's scope without a word, as lists are; no overlap: an empty pass.
        var prefix = context.Caller().Narrow(request.CodePrefix);
        return prefix is null
            ? new WatchPass { Status = "completed", CodePrefix = request.CodePrefix }
            : await runner.RunAsync(prefix, context.CancellationToken);
    }

    public override async Task<WatchStatus> GetWatchStatus(GetWatchStatusRequest request, ServerCallContext context)
    {
        if (request.Passes is < 0 or > 100)
        {
            throw Guard.Invalid(Vocabulary.Reasons.PageSizeInvalid, Fields.Of(GetWatchStatusRequest.Descriptor, GetWatchStatusRequest.PassesFieldNumber),
                $"passes 为 {request.Passes}:请填写 1 到 100,或 0 表示 10");
        }
        var status = new WatchStatus();
        status.Passes.AddRange(await store.LatestPassesAsync(request.Passes == 0 ? 10 : request.Passes, context.CancellationToken));
        status.FailingHosts.AddRange((await store.HostsAsync(context.CancellationToken))
            .Where(h => h.Failures >= options.Value.FailuresBeforeSkip)
            .Select(h => new HostHealth
            {
                Host = h.Host, ConsecutiveFailures = h.Failures, LastError = h.Error, RetryAfter = Timestamp.FromDateTimeOffset(h.RetryAfter),
            }));
        return status;
    }
}
