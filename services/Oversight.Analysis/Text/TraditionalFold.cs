namespace Oversight.Analysis.Text;

/// <summary>
/// Folds a page written in traditional characters to simplified ones (報告 → 报告, 縣 → 县), in place and 1:1, so the cue
/// words, header labels and place names, all written in simplified characters, match it. The pairs and the markers that
/// tell such a page are data (traditional-fold.yaml).
/// </summary>
public static class TraditionalFold
{
    private const char First = '\u4E00';

    private static readonly (bool[] Markers, char[] Map) Table = Load();

    /// <summary>Whether the text holds a character that only a page in traditional characters writes.</summary>
    public static bool IsTraditional(ReadOnlySpan<char> text)
    {
        // Every page is scanned, one table lookup a character; only a page that holds a marker is folded.
        var markers = Table.Markers;
        foreach (var c in text)
        {
            var index = c - First;
            if ((uint)index < (uint)markers.Length && markers[index])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Folds every traditional character of <paramref name="text"/> to its simplified one.</summary>
    public static void Apply(Span<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = Fold(text[i]);
        }
    }

    /// <summary>The simplified character <paramref name="c"/> folds to, or <paramref name="c"/>.</summary>
    public static char Fold(char c)
    {
        var map = Table.Map;
        var index = c - First;
        return (uint)index < (uint)map.Length && map[index] != '\0' ? map[index] : c;
    }

    private static (bool[], char[]) Load()
    {
        var file = EmbeddedData.Load<TraditionalFoldFile>("traditional-fold.yaml");
        var map = new char[0xA000 - First];
        foreach (var line in file.Pairs)
        {
            foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.Length != 2 || (uint)(pair[0] - First) >= (uint)map.Length)
                {
                    throw new InvalidOperationException($"traditional-fold.yaml: \"{pair}\" is not a traditional character and its simplified one.");
                }
                map[pair[0] - First] = pair[1];
            }
        }
        var markers = new bool[map.Length];
        foreach (var marker in file.Markers)
        {
            if ((uint)(marker - First) >= (uint)map.Length || map[marker - First] == '\0')
            {
                throw new InvalidOperationException($"traditional-fold.yaml: marker {marker} is not one of the traditional characters.");
            }
            markers[marker - First] = true;
        }
        return (markers, map);
    }
}

public sealed class TraditionalFoldFile
{
    public int Version { get; set; }

    public string Markers { get; set; } = "";

    public List<string> Pairs { get; set; } = [];
}
