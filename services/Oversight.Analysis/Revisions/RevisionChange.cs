using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Revisions;

/// <summary>
/// How a revision differs from the last revision of the same report the platform saw before the deadline: when each was
/// seen, how many sentences were added and removed, and the first few of each (removed ones point into the earlier
/// revision). Bounded, so it is stored with the check input whatever the size of the change.
/// </summary>
public sealed record RevisionChange(
    int BaselineRevision,
    DateTimeOffset BaselineSeenAt,
    DateTimeOffset SeenAt,
    int AddedCount,
    int RemovedCount,
    IReadOnlyList<Evidence> Added,
    IReadOnlyList<Evidence> Removed);
