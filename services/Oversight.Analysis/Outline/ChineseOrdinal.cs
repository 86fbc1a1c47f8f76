namespace Oversight.Analysis.Outline;

/// <summary>Ordinals as headings write them: 一 … 九十九.</summary>
internal static class ChineseOrdinal
{
    public static int Parse(ReadOnlySpan<char> text)
    {
        const string digits = "〇一二三四五六七八九";
        if (text.Length == 0 || text.Length > 3)
        {
            return -1;
        }
        var ten = text.IndexOf('十');
        if (ten < 0)
        {
            return text.Length == 1 ? digits.IndexOf(text[0]) : -1;
        }
        var tens = ten == 0 ? 1 : ten == 1 ? digits.IndexOf(text[0]) : -1;
        var ones = ten == text.Length - 1 ? 0 : ten == text.Length - 2 ? digits.IndexOf(text[^1]) : -1;
        return tens <= 0 || ones < 0 ? -1 : tens * 10 + ones;
    }
}
