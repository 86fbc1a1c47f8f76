using Oversight.Analysis.Metadata;
using Oversight.Contracts.Watching.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Watching.Passes;

/// <summary>RunWatch's own fault: a code prefix that is not one.</summary>
public static class RunWatchValidator
{
    public static void Validate(RunWatchRequest request) =>
        Guard.Filter(Fields.Of<RunWatchRequest>(RunWatchRequest.CodePrefixFieldNumber), ScopeRules.PrefixError, request.CodePrefix);
}
