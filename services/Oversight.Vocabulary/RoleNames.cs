namespace Oversight.Vocabulary;

/// <summary>
/// The roles a key may have, as their names travel in the contract (<c>ApiKey.role</c>) and the audit log: defined once here,
/// for the access middleware (<c>Oversight.Access.Roles</c>, which adds what each may call) and for callers that only show or
/// test a role, such as the web console. A public contract: add, never rename.
/// </summary>
public static class RoleNames
{
    /// <summary>A city (or county) rule-of-law office: submits and reads reports, reads metrics and findings, inside its scope.</summary>
    public const string CityOffice = "city_office";

    /// <summary>Everything inside its scope, including rule packs, the registry, waivers, sweeps and keys.</summary>
    public const string ProvinceAdmin = "province_admin";

    /// <summary>Schedulers: run sweeps and read.</summary>
    public const string Sweeper = "sweeper";

    /// <summary>Security auditors: read the audit log inside their scope, change nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>The services calling each other (fetching reports, notifying arrivals, verifying keys).</summary>
    public const string Service = "service";

    public static IReadOnlyList<string> All { get; } = [CityOffice, ProvinceAdmin, Sweeper, Auditor, Service];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
