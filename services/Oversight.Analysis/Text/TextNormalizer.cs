using System.Buffers;

namespace Oversight.Analysis.Text;

/// <summary>
/// Folds full-width ASCII (digits, letters, （）：，；％ …) to ASCII and the ideographic and no-break spaces
/// to a space, turns \r\n and \r into \n, collapses runs of spaces and tabs, trims line ends and keeps at
/// most one blank line. Chinese punctuation without an ASCII twin (。、“”《》) is kept as written. A page written in
/// traditional characters is folded to simplified ones (<see cref="TraditionalFold"/>).
/// Only 1:1 replacements and deletions, so every output character has one original position.
/// </summary>
public static class TextNormalizer
{
    public static NormalizedText Normalize(string original)
    {
        // The output is built in a rented buffer and the offsets kept as runs (see NormalizedText): a per-character
        // map and its copy were two thirds of what a read of a seed allocated, and the collections they caused cost
        // more than the read itself.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, original.Length));
        try
        {
            var output = buffer.AsSpan(0, original.Length);
            var runs = new OffsetRuns();
            var length = 0;
            var pendingSpace = -1;
            var newlines = 0;
            var lineHasText = false;

            for (var i = 0; i < original.Length; i++)
            {
                var c = original[i];
                // Most characters of a report (Chinese text, ASCII letters, digits and punctuation) are kept as they are.
                if (pendingSpace < 0 && ((uint)(c - '\u3001') < '\uFEFF' - '\u3001' || (uint)(c - '!') < '\u00A0' - '!'))
                {
                    newlines = 0;
                    lineHasText = true;
                    runs.Add(length, i);
                    output[length++] = c;
                    continue;
                }
                c = Fold(c);
                if (c == '\r')
                {
                    if (i + 1 < original.Length && original[i + 1] == '\n')
                    {
                        continue;
                    }
                    c = '\n';
                }
                if (c == '\n')
                {
                    pendingSpace = -1;
                    if (!lineHasText && length == 0)
                    {
                        continue;
                    }
                    newlines++;
                    if (newlines <= 2)
                    {
                        runs.Add(length, i);
                        output[length++] = '\n';
                    }
                    lineHasText = false;
                    continue;
                }
                if (c is ' ' or '\t' or '\f' or '\v')
                {
                    if (lineHasText && pendingSpace < 0)
                    {
                        pendingSpace = i;
                    }
                    continue;
                }
                if (pendingSpace >= 0)
                {
                    runs.Add(length, pendingSpace);
                    output[length++] = ' ';
                    pendingSpace = -1;
                }
                newlines = 0;
                lineHasText = true;
                runs.Add(length, i);
                output[length++] = c;
            }
            // Trailing blank lines carry nothing.
            while (length > 0 && output[length - 1] == '\n')
            {
                length--;
            }
            // A page in traditional characters is read as if written in simplified ones; the others are only scanned, and
            // only their start: a page whose first pages hold no traditional marker is not written in them.
            var folded = TraditionalFold.IsTraditional(output[..Math.Min(length, TraditionalScanLength)]);
            if (folded)
            {
                TraditionalFold.Apply(output[..length]);
            }
            // The end maps to one past the last character's original, which is what its run gives.
            return new NormalizedText(original, new string(output[..length]), runs.ToArrays(length, out var deltas), deltas, length)
            {
                Folded = folded,
            };
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private const int TraditionalScanLength = 20_000;

    public static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200B' or '\uFEFF' => ' ',
        _ => c,
    };

    /// <summary>
    /// Normalized offset → original offset as runs: original = normalized + delta from each run's start on. Only deletions
    /// change the delta, so a text has about as many runs as lines.
    /// </summary>
    private struct OffsetRuns
    {
        private List<int>? _starts;
        private List<int>? _deltas;
        private int _delta;

        public void Add(int normalized, int original)
        {
            var delta = original - normalized;
            if (delta != _delta)
            {
                (_starts ??= []).Add(normalized);
                (_deltas ??= []).Add(delta);
                _delta = delta;
            }
        }

        // Runs that start at or after the end (trimmed blank lines) are dropped, so the end keeps the last character's delta.
        public readonly int[] ToArrays(int length, out int[] deltas)
        {
            var count = 0;
            while (_starts is not null && count < _starts.Count && _starts[count] < length)
            {
                count++;
            }
            deltas = count == 0 ? [] : [.. _deltas!.GetRange(0, count)];
            return count == 0 ? [] : [.. _starts!.GetRange(0, count)];
        }
    }
}
