namespace Oversight.Access;

/// <summary>What a key may do; the names travel as these strings in the contract and the audit log.</summary>
public static class Roles
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
