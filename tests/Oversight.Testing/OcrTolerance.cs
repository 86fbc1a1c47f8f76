namespace Oversight.Testing;

/// <summary>
/// How near a text read back from a converted or scanned seed must come to the text version, one rule for the
/// attachment reader's tests and the watcher's end-to-end run, which read the same scans.
/// </summary>
public static class OcrTolerance
{
    /// <summary>
    /// What a clean 150 dpi scan keeps through Tesseract chi_sim (measured on the five seeds): at least this share of the
    /// text version's characters, in order.
    /// </summary>
    public const double CharactersKept = 0.97;

    /// <summary>The share of <paramref name="expected"/>'s characters (whitespace aside) found, in order, in <paramref name="actual"/>.</summary>
    public static double ShareKept(string expected, string actual)
    {
        var a = expected.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var b = actual.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return a.Length == 0 ? 1 : (double)previous[b.Length] / a.Length;
    }
}
