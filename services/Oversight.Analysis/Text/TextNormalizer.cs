namespace Oversight.Analysis.Text;

/// <summary>
/// Folds full-width ASCII (digits, letters, （）：，；％ …) to ASCII and the ideographic and no-break spaces
/// to a space, turns \r\n and \r into \n, collapses runs of spaces and tabs, trims line ends and keeps at
/// most one blank line. Chinese punctuation without an ASCII twin (。、“”《》) is kept as written.
/// Only 1:1 replacements and deletions, so every output character has one original position.
/// </summary>
public static class TextNormalizer
{
    public static NormalizedText Normalize(string original)
    {
        var output = new char[original.Length];
        var map = new int[original.Length + 1];
        var length = 0;
        var pendingSpace = -1;
        var newlines = 0;
        var lineHasText = false;

        for (var i = 0; i < original.Length; i++)
        {
            var c = Fold(original[i]);
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
                    map[length] = i;
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
                map[length] = pendingSpace;
                output[length++] = ' ';
                pendingSpace = -1;
            }
            newlines = 0;
            lineHasText = true;
            map[length] = i;
            output[length++] = c;
        }
        // Trailing blank lines carry nothing.
        while (length > 0 && output[length - 1] == '\n')
        {
            length--;
        }
        map[length] = length == 0 ? 0 : map[length - 1] + 1;
        var finalMap = new int[length + 1];
        Array.Copy(map, finalMap, length + 1);
        return new NormalizedText(original, new string(output, 0, length), finalMap);
    }

    public static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200B' or '\uFEFF' => ' ',
        _ => c,
    };
}
