namespace Oversight.Analysis.Numbers;

/// <summary>Values of Chinese numerals: 八百 800, 一万二千 12000, 两千 2000, 十 10, 百 100, 〇/零.</summary>
public static class ChineseNumerals
{
    /// <summary>Every character <see cref="IsNumeralChar"/> accepts: the digits, then the multipliers.</summary>
    public const string Characters = "〇零一二三四五六七八九两十百千万亿";

    public static bool IsNumeralChar(char c) => Digit(c) >= 0 || Multiplier(c) > 0;

    public static int Digit(char c) => c switch
    {
        '〇' or '零' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    public static long Multiplier(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => 0,
    };

    /// <summary>The value of a run of numeral characters, or null when the run is not a well-formed number.</summary>
    public static double? Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }
        double total = 0;
        double section = 0;
        double number = 0;
        var hasDigit = false;
        var digitsInRow = 0;
        foreach (var c in text)
        {
            var digit = Digit(c);
            if (digit >= 0)
            {
                // 二〇二五 style digit strings: positional.
                number = digitsInRow > 0 ? number * 10 + digit : digit;
                digitsInRow++;
                hasDigit = true;
                continue;
            }
            digitsInRow = 0;
            var multiplier = Multiplier(c);
            if (multiplier is 10 or 100 or 1000)
            {
                // "十余次", "百余人次": a bare unit counts one of itself.
                section += (number == 0 ? 1 : number) * multiplier;
                number = 0;
            }
            else if (multiplier > 0)
            {
                section += number;
                total += (section == 0 ? 1 : section) * multiplier;
                section = 0;
                number = 0;
            }
            else
            {
                return null;
            }
            hasDigit = true;
        }
        return hasDigit ? total + section + number : null;
    }
}
