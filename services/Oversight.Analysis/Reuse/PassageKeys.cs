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

    public static (long Key1, long Key2) Of(string normalized)
    {
        Span<ulong> min = [ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue];
        var shingles = Math.Max(1, normalized.Length - ShingleLength + 1);
        for (var i = 0; i < shingles; i++)
        {
            var shingle = Fnv(normalized.AsSpan(i, Math.Min(ShingleLength, normalized.Length - i)));
            for (var k = 0; k < Seeds.Length; k++)
            {
                var h = Mix(shingle ^ Seeds[k]);
                if (h < min[k])
                {
                    min[k] = h;
                }
            }
        }
        return ((long)Mix(min[0] * 31 + min[1]), (long)Mix((min[2] * 31 + min[3]) ^ 0x5851F42D4C957F2DUL));
    }

    // FNV-1a, then SplitMix64's finaliser: stable across processes and versions, unlike string.GetHashCode.
    private static ulong Fnv(ReadOnlySpan<char> chars)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in chars)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
