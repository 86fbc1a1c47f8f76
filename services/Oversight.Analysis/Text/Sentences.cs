using System.Buffers;

namespace Oversight.Analysis.Text;

/// <summary>Sentence bounds in normalized text: a sentence ends at 。！？；, their ASCII folds, or a line break.</summary>
public static class Sentences
{
    private const int MaxLength = 400;

    // Searched for with one vectorised scan each way: every figure and every cue of every report asks for its sentence.
    private static readonly SearchValues<char> Ends = SearchValues.Create("。!?;\n");

    public static TextSpan Around(string text, int index)
    {
        var lowest = Math.Max(0, index - MaxLength);
        var before = text.AsSpan(lowest, index - lowest).LastIndexOfAny(Ends);
        var start = before >= 0 ? lowest + before + 1 : lowest;
        var highest = Math.Min(text.Length, index + MaxLength);
        var after = text.AsSpan(index, highest - index).IndexOfAny(Ends);
        var end = after >= 0 ? index + after + 1 : highest;
        while (start < end && text[start] == ' ')
        {
            start++;
        }
        while (end > start && text[end - 1] == '\n')
        {
            end--;
        }
        return new TextSpan(start, end - start);
    }

    public static bool IsEnd(char c) => c is '。' or '!' or '?' or ';' or '\n';
}
