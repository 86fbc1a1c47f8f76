namespace Oversight.Analysis.Metadata;

/// <summary>The short forms pages write for autonomous divisions (Data/division-short-forms.yaml): 昌吉回族自治州 → 昌吉州.</summary>
public sealed class DivisionShortForms
{
    public int Version { get; set; }

    public List<string> Peoples { get; set; } = [];

    public Dictionary<string, string> Suffixes { get; set; } = [];

    /// <summary>Provinces by the name pages use without their kind (浙江 → 浙江省): a clue to where a body lies, never the body.</summary>
    public Dictionary<string, string> Provinces { get; set; } = [];

    /// <summary>How pages shorten a kind of division by city custom (广州 writes 鹤龙街 for 鹤龙街道): written → official.</summary>
    public Dictionary<string, string> Streets { get; set; } = [];

    /// <summary>The official form of a name written with a shortened kind (鹤龙街 → 鹤龙街道); the name itself otherwise.</summary>
    public string StreetName(string name)
    {
        foreach (var (written, official) in Streets)
        {
            if (name.EndsWith(written, StringComparison.Ordinal) && !name.EndsWith(official, StringComparison.Ordinal) && name.Length > written.Length + 1)
            {
                return name[..^written.Length] + official;
            }
        }
        return name;
    }

    public static DivisionShortForms Default { get; } = EmbeddedData.Load<DivisionShortForms>("division-short-forms.yaml");

    /// <summary>The place name before the peoples, with the kind of division; null when the name is not of that shape.</summary>
    public string? ShortForm(string name)
    {
        foreach (var (suffix, kind) in Suffixes)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = name[..^suffix.Length];
            var peeled = false;
            // Peel the peoples off the end: 黔西南布依族苗族 → 黔西南布依族 → 黔西南.
            while (Peoples.FirstOrDefault(p => rest.EndsWith(p, StringComparison.Ordinal) && rest.Length > p.Length) is { } people)
            {
                rest = rest[..^people.Length];
                peeled = true;
            }
            return peeled && rest.Length >= 2 ? rest + kind : null;
        }
        return null;
    }
}
