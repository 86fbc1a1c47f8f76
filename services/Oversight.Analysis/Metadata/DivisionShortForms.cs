namespace Oversight.Analysis.Metadata;

/// <summary>The short forms pages write for autonomous divisions (Data/division-short-forms.yaml): 昌吉回族自治州 → 昌吉州.</summary>
public sealed class DivisionShortForms
{
    public int Version { get; set; }

    public List<string> Peoples { get; set; } = [];

    public Dictionary<string, string> Suffixes { get; set; } = [];

    /// <summary>Provinces by the name pages use without their kind (浙江 → 浙江省): a clue to where a body lies, never the body.</summary>
    public Dictionary<string, string> Provinces { get; set; } = [];

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
