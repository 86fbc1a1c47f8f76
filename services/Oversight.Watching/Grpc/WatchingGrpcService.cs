using Grpc.Core;
using Oversight.Access;
using Oversight.Contracts.Watching.V1;
using Oversight.Watching.Passes;

namespace Oversight.Watching.Grpc;

/// <summary>oversight.watching.v1.WatchingService: adapts calls to the pass starter and the status query; a pass covers only the caller's scope.</summary>
public sealed class WatchingGrpcService(WatchStart start, WatchStatusQuery status) : WatchingService.WatchingServiceBase
{
    public override Task<WatchPass> RunWatch(RunWatchRequest request, ServerCallContext context) =>
        start.RunAsync(request, context.Caller(), context.CancellationToken);

    public override Task<WatchStatus> GetWatchStatus(GetWatchStatusRequest request, ServerCallContext context) =>
        status.GetAsync(request, context.CancellationToken);
}
