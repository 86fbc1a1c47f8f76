using Oversight.Rpc.Server;

namespace Oversight.Rpc.Interceptors;

/// <summary>Runs the rest of a call and reports the status it ends with, whatever it throws (which is rethrown).</summary>
internal static class CallOutcome
{
    public static async Task RunAsync(ServerCallContext context, Func<ServerCallContext, Task> next, Action<StatusCode> ended)
    {
        var code = StatusCode.OK;
        try
        {
            await next(context).ConfigureAwait(false);
            code = context.Status.StatusCode;
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            code = context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
            throw;
        }
        catch
        {
            code = StatusCode.Internal;
            throw;
        }
        finally
        {
            ended(code);
        }
    }
}
