namespace Oversight.WebConsole;

internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Console sign-in of key {KeyId} ({Role}, scope '{Scope}') from {Address}")]
    public static partial void SignedIn(ILogger logger, string keyId, string role, string scope, string address);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Console sign-in refused from {Address}: {Status}")]
    public static partial void SignInRefused(ILogger logger, string address, string status);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Console page {Path} refused by a service for key {KeyId}: {Status} {Reason}")]
    public static partial void Refused(ILogger logger, string path, string keyId, string status, string reason);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "The console stopped following sweep {SweepId}: {Error}")]
    public static partial void SweepLost(ILogger logger, string sweepId, string error);
}
