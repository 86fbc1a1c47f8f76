using Oversight.Analysis.Numbers;

namespace Oversight.Analysis.Reuse;

/// <summary>
/// A sentence reduced to what survives copying with edits: the body's own names become '@', every run of digits or
/// Chinese numerals becomes '#' (so years, dates and figures do not matter), and punctuation and spaces go.
/// </summary>
public static class ReuseNormalizer
{
    /// <summary>The names a body calls itself by, longest first, with their short forms (浑源县 → 浑源).</summary>
    public static IReadOnlyList<string> OwnNames(IEnumerable<string> names)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => n.Length >= 2))
        {
            all.Add(name);
            var shortForm = Shorten(name);
            if (shortForm.Length >= 2)
            {
                all.Add(shortForm);
            }
        }
        return [.. all.OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)];
    }

    /// <summary>The CJK Unified Ideographs: every one a letter with no case, so kept as it is without asking ICU.</summary>
    public const char FirstIdeograph = '\u4E00';

    public const char LastIdeograph = '\u9FFF';

    // Keys are made for every sentence of every report a sweep reads: no allocation but the key itself.
    private const int StackLimit = 256;

    public static string Normalize(ReadOnlySpan<char> sentence, IReadOnlyList<string> ownNames)
    {
        Span<char> output = sentence.Length <= StackLimit ? stackalloc char[sentence.Length] : new char[sentence.Length];
        return new string(output[..Normalize(sentence, ownNames, output)]);
    }

    /// <summary>Writes the key into <paramref name="into"/> (at least as long as the sentence) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> sentence, IReadOnlyList<string> ownNames, Span<char> into)
    {
        ArgumentNullException.ThrowIfNull(ownNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(into.Length, sentence.Length);
        Span<bool> named = sentence.Length <= StackLimit ? stackalloc bool[sentence.Length] : new bool[sentence.Length];
        foreach (var name in ownNames)
        {
            for (var at = sentence.IndexOf(name, StringComparison.Ordinal); at >= 0;)
            {
                named.Slice(at, name.Length).Fill(true);
                var next = sentence[(at + name.Length)..].IndexOf(name, StringComparison.Ordinal);
                at = next < 0 ? -1 : at + name.Length + next;
            }
        }
        var length = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            var c = sentence[i];
            char mapped;
            if (named[i])
            {
                mapped = '@';
            }
            else if (char.IsAsciiDigit(c) || ChineseNumerals.IsNumeralChar(c) || (c == '.' && i > 0 && char.IsAsciiDigit(sentence[i - 1])) || c == '%')
            {
                mapped = '#';
            }
            else if (c is >= FirstIdeograph and <= LastIdeograph)
            {
                mapped = c;
            }
            else if (char.IsLetter(c))
            {
                // Only capitals need lowering; asking ICU about every Chinese character cost more than the rest of the sentence.
                mapped = char.IsUpper(c) ? char.ToLowerInvariant(c) : c;
            }
            else
            {
                continue;
            }
            // Runs collapse: 2024 and 2,000 and 三千余 are one '#', a name of any length one '@'.
            if ((mapped is '#' or '@') && length > 0 && into[length - 1] == mapped)
            {
                continue;
            }
            into[length++] = mapped;
        }
        return length;
    }

    private static string Shorten(string name)
    {
        foreach (var suffix in (string[])["人民政府", "街道办事处", "街道", "自治县", "自治州", "县", "区", "市", "镇", "乡", "局", "委"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }
        return "";
    }
}
