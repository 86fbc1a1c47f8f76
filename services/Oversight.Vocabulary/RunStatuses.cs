namespace Oversight.Vocabulary;

/// <summary>
/// The status of a run, as a sweep (<c>Sweep.status</c>) and a watch pass (<c>WatchPass.status</c>) carry it in the contract
/// and their tables store it: defined once for the services that write it and the callers that read it. Add, never rename.
/// </summary>
public static class RunStatuses
{
    /// <summary>Started and not yet ended.</summary>
    public const string Running = "running";

    /// <summary>Ended having done all it was asked (an empty run included).</summary>
    public const string Completed = "completed";

    /// <summary>Ended by an error.</summary>
    public const string Failed = "failed";

    /// <summary>Sweeps only: ended by its caller going away or its service stopping (or found so after a restart).</summary>
    public const string Interrupted = "interrupted";
}
