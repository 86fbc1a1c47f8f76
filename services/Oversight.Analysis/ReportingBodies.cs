using Oversight.Analysis.Metadata;

namespace Oversight.Analysis;

/// <summary>Which shipped divisions are registered as bodies, and which of them must report (reporting-bodies.yaml).</summary>
public sealed class ReportingBodies
{
    public int Version { get; set; }

    /// <summary>The levels whose divisions are registered.</summary>
    public List<string> Levels { get; set; } = [];

    /// <summary>The kind of body a registered division is.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Words of a name that show a division is not a government (开发区 …).</summary>
    public List<string> NotGovernments { get; set; } = [];

    public static ReportingBodies Shipped { get; } = Checked(EmbeddedData.Load<ReportingBodies>("reporting-bodies.yaml"));

    public bool Registers(Division division) => division.Level is { } level && Levels.Contains(level);

    /// <summary>A government, and not one of a township run by a development zone or the like.</summary>
    public bool MustReport(Division division, JurisdictionRegistry registry) =>
        !IsNotGovernment(division.Name)
        && !(division.ParentCode is { } parent && registry.Find(parent) is { } above && IsNotGovernment(above.Name));

    private bool IsNotGovernment(string name) => NotGovernments.Any(name.Contains);

    // An empty word would match every name and leave no body that must report; an unknown level would register none.
    internal static ReportingBodies Checked(ReportingBodies bodies)
    {
        string[] known = [JurisdictionLevels.Province, JurisdictionLevels.City, JurisdictionLevels.County, JurisdictionLevels.Township];
        if (bodies.Levels.Count == 0 || bodies.Levels.Any(l => !known.Contains(l)))
        {
            throw new InvalidOperationException($"reporting-bodies.yaml: levels must be some of {string.Join(", ", known)}.");
        }
        if (bodies.Kind.Length == 0 || bodies.NotGovernments.Any(w => w.Length == 0))
        {
            throw new InvalidOperationException("reporting-bodies.yaml: kind is required and notGovernments may hold no empty word.");
        }
        return bodies;
    }
}
