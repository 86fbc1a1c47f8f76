using Microsoft.Extensions.Logging;

namespace Oversight.Rpc.Server;

internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void UnhandledException(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Call '{Method}' ended: deadline exceeded.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(3, LogLevel.Debug, "Call '{Method}' cancelled by the client.")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(4, LogLevel.Information, "Refused request to '{Path}': {Reason}")]
    public static partial void RequestRefused(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Call '{Method}' from {Peer} finished with {StatusCode} in {ElapsedMilliseconds} ms.")]
    public static partial void CallFinished(ILogger logger, string method, string peer, StatusCode statusCode, double elapsedMilliseconds);
}
