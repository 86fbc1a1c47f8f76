using Oversight.Access;
using Oversight.Contracts.Watching.V1;
using Oversight.Vocabulary;

namespace Oversight.Watching.Passes;

/// <summary>RunWatch: one pass over the columns inside both the asked prefix and the caller's scope.</summary>
public sealed class WatchStart(WatchRunner runner)
{
    public async Task<WatchPass> RunAsync(RunWatchRequest request, Caller caller, CancellationToken cancellationToken)
    {
        RunWatchValidator.Validate(request);
        // Narrowed to the caller's scope without a word, as lists are; no overlap: an empty pass.
        var prefix = caller.Narrow(request.CodePrefix);
        return prefix is null
            ? new WatchPass { Status = RunStatuses.Completed, CodePrefix = request.CodePrefix }
            : await runner.RunAsync(prefix, cancellationToken);
    }
}
