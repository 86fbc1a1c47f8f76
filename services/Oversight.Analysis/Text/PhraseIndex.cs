namespace Oversight.Analysis.Text;

/// <summary>
/// A list of phrases looked for in a text in one pass: a bit per possible first character says where a phrase may start,
/// and only there are the phrases with that first character compared. Answers what a Contains or IndexOf per phrase
/// would, without scanning the text once per phrase (section headings are classified against some sixty phrases).
/// </summary>
internal sealed class PhraseIndex
{
    private readonly string[] _phrases;
    private readonly ulong[] _firsts = new ulong[(char.MaxValue + 1) / 64];
    private readonly Dictionary<char, int[]> _byFirst;
    private readonly int _firstEmpty;

    public PhraseIndex(IEnumerable<string> phrases)
    {
        _phrases = [.. phrases];
        _firstEmpty = Array.FindIndex(_phrases, p => p.Length == 0);
        var byFirst = new Dictionary<char, List<int>>();
        for (var i = 0; i < _phrases.Length; i++)
        {
            if (_phrases[i].Length == 0)
            {
                continue;
            }
            var first = _phrases[i][0];
            _firsts[first >> 6] |= 1UL << (first & 63);
            if (!byFirst.TryGetValue(first, out var list))
            {
                byFirst[first] = list = [];
            }
            list.Add(i);
        }
        _byFirst = byFirst.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public int Count => _phrases.Length;

    /// <summary>The lowest index of a phrase that occurs in <paramref name="text"/> (an empty phrase always does), or -1.</summary>
    public int First(ReadOnlySpan<char> text)
    {
        var best = _firstEmpty < 0 ? int.MaxValue : _firstEmpty;
        for (var at = 0; at < text.Length; at++)
        {
            var c = text[at];
            if ((_firsts[c >> 6] & (1UL << (c & 63))) == 0)
            {
                continue;
            }
            foreach (var i in _byFirst[c])
            {
                if (i >= best)
                {
                    break;
                }
                if (text[at..].StartsWith(_phrases[i], StringComparison.Ordinal))
                {
                    best = i;
                    break;
                }
            }
        }
        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>
    /// Adds to <paramref name="counts"/>[i] how often phrase i occurs in <paramref name="text"/> without overlapping itself,
    /// each occurrence looked for after the end of the one before, as repeated IndexOf calls count. Empty phrases count 0.
    /// </summary>
    public void Occurrences(ReadOnlySpan<char> text, Span<int> counts)
    {
        Span<int> next = _phrases.Length <= 128 ? stackalloc int[_phrases.Length] : new int[_phrases.Length];
        next.Clear();
        for (var at = 0; at < text.Length; at++)
        {
            var c = text[at];
            if ((_firsts[c >> 6] & (1UL << (c & 63))) == 0)
            {
                continue;
            }
            foreach (var i in _byFirst[c])
            {
                if (at >= next[i] && text[at..].StartsWith(_phrases[i], StringComparison.Ordinal))
                {
                    counts[i]++;
                    next[i] = at + _phrases[i].Length;
                }
            }
        }
    }
}
