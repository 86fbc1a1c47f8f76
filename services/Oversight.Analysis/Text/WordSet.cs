using System.Buffers;

namespace Oversight.Analysis.Text;

/// <summary>
/// Whether a text holds any of a few words: the words' first characters found with one vectorised search, the words
/// compared only there. SearchValues&lt;string&gt; looks every character of Chinese text up in a dictionary, and on
/// portal chrome and footer words alone that was 5 % of a cold sweep's CPU.
/// </summary>
public sealed class WordSet
{
    private readonly string[] _words;
    private readonly SearchValues<char> _firsts;

    public WordSet(IEnumerable<string> words)
    {
        _words = [.. words.Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
        _firsts = SearchValues.Create(string.Concat(_words.Select(w => w[0]).Distinct()));
    }

    public bool IsIn(ReadOnlySpan<char> text)
    {
        int at;
        while ((at = text.IndexOfAny(_firsts)) >= 0)
        {
            text = text[at..];
            for (var w = 0; w < _words.Length; w++)
            {
                if (text.StartsWith(_words[w], StringComparison.Ordinal))
                {
                    return true;
                }
            }
            text = text[1..];
        }
        return false;
    }
}
