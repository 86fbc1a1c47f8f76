namespace Oversight.Analysis.Reuse;

/// <summary>
/// MinHash over a normalised sentence's 4-character shingles, four hash functions in two bands of two: two sentences
/// share a key with probability J² per band, so a sentence copied with a word changed (J ≈ 0.8) is found nine times
/// in ten, two sentences in the same style (J ≈ 0.2) one time in twelve, and only as one passage of many.
/// </summary>
public static class PassageKeys
{
    public const int ShingleLength = 4;

    private static readonly ulong[] Seeds = [0x9E3779B97F4A7C15UL, 0xC2B2AE3D27D4EB4FUL, 0x165667B19E3779F9UL, 0xD6E8FEB86659FD93UL];

    public static (long Key1, long Key2) Of(ReadOnlySpan<char> normalized)
    {
        ulong m0 = ulong.MaxValue, m1 = ulong.MaxValue, m2 = ulong.MaxValue, m3 = ulong.MaxValue;
        // Four UTF-16 units are exactly 64 bits: the shingle is its own key, rolled one character at a time, mixed
        // once, and the four functions are that mix times four odd constants (multiply-shift hashing).
        ulong shingle = 0;
        var count = 0;
        foreach (var c in normalized)
        {
            shingle = (shingle << 16) | c;
            if (++count < ShingleLength && count < normalized.Length)
            {
                continue;
            }
            var h = Mix(shingle);
            m0 = Math.Min(m0, h * Seeds[0]);
            m1 = Math.Min(m1, h * Seeds[1]);
            m2 = Math.Min(m2, h * Seeds[2]);
            m3 = Math.Min(m3, h * Seeds[3]);
        }
        return ((long)Mix(m0 * 31 + m1), (long)Mix((m2 * 31 + m3) ^ 0x5851F42D4C957F2DUL));
    }

    // SplitMix64's finaliser: stable across processes and versions, unlike string.GetHashCode.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
