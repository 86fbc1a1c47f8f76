using Grpc.Core;
using Microsoft.Extensions.Logging;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Hosting;

namespace Oversight.Access;

/// <summary>
/// Logs every scope refusal (SCOPE_NOT_COVERED) a service answers, with the caller, its address and the method:
/// an auditor must see who reached for what outside their jurisdiction, wherever in a service the check was made.
/// The key's public id is logged, never the key.
/// </summary>
public sealed class ScopeRefusalLog(ILogger<ScopeRefusalLog> logger) : ServerCallInterceptor
{
    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException refusal) when (refusal.StatusCode == StatusCode.PermissionDenied)
        {
            var http = context.GetHttpContext();
            var caller = http.Features.Get<Caller>();
            AccessLog.ScopeDenied(logger, caller?.Label ?? "(none)", caller?.Role ?? "", caller?.Scope ?? "",
                CallerAddress.Of(http), context.Method, ServiceError.ReasonOf(refusal) ?? "");
            throw;
        }
    }
}
