using Microsoft.Extensions.Logging;

namespace Oversight.Access;

/// <summary>Access control's log lines. Keys are never logged; a key's public id is, when it has one.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Authentication failed for {Method} from {Address}: {Reason} (key id {KeyId})")]
    public static partial void AuthenticationFailed(ILogger logger, string method, string address, string reason, string keyId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Authentication refused for {Method} from {Address}: too many failures, blocked for {Seconds} s")]
    public static partial void RateLimited(ILogger logger, string method, string address, double seconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Permission denied: {Caller} ({Role}) called {Method}")]
    public static partial void RoleDenied(ILogger logger, string caller, string role, string method);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Cannot verify keys at {Authority}: {Status}")]
    public static partial void AuthorityUnavailable(ILogger logger, string authority, string status);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Access is open (Access:Open): every caller may do everything. Loopback development only.")]
    public static partial void OpenAccess(ILogger logger);
}
