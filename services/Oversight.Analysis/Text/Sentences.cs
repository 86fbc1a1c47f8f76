namespace Oversight.Analysis.Text;

/// <summary>Sentence bounds in normalized text: a sentence ends at 。！？；, their ASCII folds, or a line break.</summary>
public static class Sentences
{
    private const int MaxLength = 400;

    public static TextSpan Around(string text, int index)
    {
        var start = index;
        while (start > 0 && index - start < MaxLength && !IsEnd(text[start - 1]))
        {
            start--;
        }
        var end = index;
        while (end < text.Length && end - index < MaxLength)
        {
            var c = text[end];
            end++;
            if (IsEnd(c))
            {
                break;
            }
        }
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
