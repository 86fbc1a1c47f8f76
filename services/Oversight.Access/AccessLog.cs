using Microsoft.Extensions.Logging;

namespace Oversight.Access;

/// <summary>Access control's log lines. Keys are never logged; a key's public id is, when it has one.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Authentication failed for {Method} from {Address}: {Reason} (key id {KeyId})")]
    public static partial void AuthenticationFailed(ILogger logger, string method, string address, string reason, string keyId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Authentication refused for {Method} from {Address}: too many failures, blocked for {Seconds} s")]
    public static partial void RateLimited(ILogger logger, string method, string address, double seconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Permission denied: {Caller} ({Role}) from {Address} called {Method}: ROLE_NOT_ALLOWED")]
    public static partial void RoleDenied(ILogger logger, string caller, string role, string address, string method);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Cannot verify keys at {Authority}: {Status}")]
    public static partial void AuthorityUnavailable(ILogger logger, string authority, string status);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Access is open (Access:Open): every caller may do everything. Loopback development only.")]
    public static partial void OpenAccess(ILogger logger);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Authentication refused for {Method} from {Address}: key id {KeyId} has too many failures, blocked for {Seconds} s")]
    public static partial void KeyRateLimited(ILogger logger, string method, string address, string keyId, double seconds);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "Call refused: {Caller} from {Address} called {Method} over its rate: CALLER_RATE_LIMITED")]
    public static partial void CallerRateLimited(ILogger logger, string caller, string address, string method);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning,
        Message = "Scope refused: {Caller} ({Role}, scope {Scope}) from {Address} called {Method}: {Reason}")]
    public static partial void ScopeDenied(ILogger logger, string caller, string role, string scope, string address, string method, string reason);
}
