using Oversight.Vocabulary;

namespace Oversight.Access;

/// <summary>What a key may do; the names are defined once in <see cref="RoleNames"/> (Oversight.Vocabulary), which the console reads too.</summary>
public static class Roles
{
    /// <inheritdoc cref="RoleNames.CityOffice"/>
    public const string CityOffice = RoleNames.CityOffice;

    /// <inheritdoc cref="RoleNames.ProvinceAdmin"/>
    public const string ProvinceAdmin = RoleNames.ProvinceAdmin;

    /// <inheritdoc cref="RoleNames.Sweeper"/>
    public const string Sweeper = RoleNames.Sweeper;

    /// <inheritdoc cref="RoleNames.Auditor"/>
    public const string Auditor = RoleNames.Auditor;

    /// <inheritdoc cref="RoleNames.Service"/>
    public const string Service = RoleNames.Service;

    public static IReadOnlyList<string> All => RoleNames.All;

    public static bool IsKnown(string role) => RoleNames.IsKnown(role);
}
