namespace Oversight.Analysis.Rules;

/// <summary>
/// A finding's status, as stored, filtered on and shown: written once for the compliance service, the mapping and the
/// console.
/// </summary>
public static class FindingStatus
{
    public const string Open = "open";
    public const string Waived = "waived";
}
