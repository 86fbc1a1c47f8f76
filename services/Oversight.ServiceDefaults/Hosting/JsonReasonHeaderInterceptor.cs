using Grpc.Core;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// On an HTTP/JSON route, a service's refusal also names its reason in the x-oversight-reason response header, as the
/// access middleware's refusals do: a gateway can log or route on it without reading the body. (gRPC callers have it
/// as a trailer already; transcoding writes trailers nowhere.)
/// </summary>
public sealed class JsonReasonHeaderInterceptor : ServerCallInterceptor
{
    // A gRPC call (the route is known before the call runs) has its reason as a trailer already: nothing to wrap.
    protected override bool Applies(ServerCallContext context) => Refusals.IsJsonRoute(context.GetHttpContext());

    protected override async Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ServiceError.ReasonOf(ex) is { } reason
            && context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            http.Response.Headers[ServiceError.ReasonTrailer] = reason;
            throw;
        }
    }
}
