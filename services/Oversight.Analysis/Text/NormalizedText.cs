namespace Oversight.Analysis.Text;

/// <summary>
/// Text prepared for matching, with the offset in the original text of every character, so any span found
/// in the normalized text maps back to the exact characters a user sees in the stored original.
/// </summary>
public sealed class NormalizedText
{
    // Runs of equal shift: from _runStarts[k] on, original = normalized + _runDeltas[k] (0 before the first run).
    private readonly int[] _runStarts;
    private readonly int[] _runDeltas;
    private readonly int _length;

    internal NormalizedText(string original, string text, int[] runStarts, int[] runDeltas, int length)
    {
        Original = original;
        Text = text;
        _runStarts = runStarts;
        _runDeltas = runDeltas;
        _length = length;
    }

    public string Original { get; }

    public string Text { get; }

    /// <summary>Whether the page was written in traditional characters and <see cref="Text"/> holds them folded.</summary>
    public bool Folded { get; init; }

    /// <summary>
    /// A string read from <see cref="Text"/> (a title) with the characters the fold changed as the page writes them: each
    /// part between spaces is found in the text and its folded characters are taken back from the original.
    /// </summary>
    public string Unfold(string read)
    {
        if (!Folded || read.Length == 0)
        {
            return read;
        }
        var chars = read.ToCharArray();
        var cursor = 0;
        var start = 0;
        while (start < chars.Length)
        {
            var end = read.IndexOfAny([' ', '\n'], start) is var e and >= 0 ? e : chars.Length;
            var part = read[start..end];
            var at = part.Length == 0 ? -1 : Text.IndexOf(part, cursor, StringComparison.Ordinal) is var here and >= 0 ? here
                : Text.IndexOf(part, StringComparison.Ordinal);
            for (var k = 0; at >= 0 && k < part.Length; k++)
            {
                var written = Original[ToOriginal(at + k)];
                if (written != part[k] && TraditionalFold.Fold(written) == part[k])
                {
                    chars[start + k] = written;
                }
            }
            cursor = at >= 0 ? at + part.Length : cursor;
            start = end + 1;
        }
        return new string(chars);
    }

    /// <summary>The original offset of normalized offset <paramref name="index"/> (index == Length maps to the original end).</summary>
    public int ToOriginal(int index)
    {
        index = Math.Clamp(index, 0, _length);
        var run = Array.BinarySearch(_runStarts, index);
        if (run < 0)
        {
            run = ~run - 1;
        }
        return index + (run < 0 ? 0 : _runDeltas[run]);
    }

    /// <summary>Maps a normalized span [start, start+length) to the original span that covers the same characters.</summary>
    public TextSpan ToOriginal(int start, int length)
    {
        if (length <= 0)
        {
            return new TextSpan(ToOriginal(start), 0);
        }
        var originalStart = ToOriginal(start);
        var originalEnd = ToOriginal(start + length - 1) + 1;
        return new TextSpan(originalStart, originalEnd - originalStart);
    }
}

/// <summary>A span of text: start and length in UTF-16 code units.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(int offset) => Start <= offset && offset < End;

    public string Of(string text) => In(text).ToString();

    /// <summary>The span's characters of <paramref name="text"/>, cut at its end, without copying them.</summary>
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Math.Min(Length, text.Length - Start));
}
