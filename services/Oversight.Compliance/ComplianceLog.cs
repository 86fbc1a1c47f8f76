namespace Oversight.Compliance;

internal static partial class ComplianceLog
{
    [LoggerMessage(300, LogLevel.Information, "Scheduled sweep {Slot} ran as {SweepId}")]
    public static partial void ScheduledSweepDone(ILogger logger, string slot, string sweepId);

    [LoggerMessage(301, LogLevel.Error, "A scheduled sweep failed; the next poll tries the next due slot")]
    public static partial void ScheduledSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(306, LogLevel.Warning, "Scheduled sweep {Slot} ({SweepId}) was interrupted by shutdown; its slot runs again on the next start")]
    public static partial void ScheduledSweepInterrupted(ILogger logger, string slot, string sweepId);

    [LoggerMessage(307, LogLevel.Warning,
        "Sweep {SweepId} was still running with a stale heartbeat (its process died); recorded as interrupted, its slot released")]
    public static partial void StaleSweepInterrupted(ILogger logger, string sweepId);

    [LoggerMessage(302, LogLevel.Information, "Registry seeded with {Count} shipped county- and township-level bodies")]
    public static partial void RegistrySeeded(ILogger logger, long count);

    [LoggerMessage(303, LogLevel.Information, "Rule packs in force: {Packs}")]
    public static partial void PacksLoaded(ILogger logger, string packs);

    [LoggerMessage(304, LogLevel.Warning, "No usable {Role} key was there, so key {KeyId} was created and written to {Path} (owner-only)")]
    public static partial void KeyBootstrapped(ILogger logger, string role, string keyId, string path);

    [LoggerMessage(320, LogLevel.Warning, "Registry import by {Caller} from {Address} ended {Outcome} ({Reason}): {Detail}")]
    public static partial void RegistryImportEnded(ILogger logger, string caller, string address, string outcome, string reason, string detail);
}
