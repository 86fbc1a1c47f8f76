using System.Globalization;
using System.Text.RegularExpressions;

namespace Oversight.Analysis.Metadata;

/// <summary>
/// Dates as portals and signature blocks write them: 2026-02-10 17:08, 2026-01-12, 2025年03月28日 16:52,
/// 2019年3月1日, 2021/03/29 11:30:01, 2024- 02- 05 (spaced by the page's markup), 2025-05-28 14:14:25 Wed, 二〇二六年一月十六日. China has one time zone (+08:00).
/// </summary>
public static partial class ChineseDateParser
{
    public static bool TryParse(string text, out ParsedDate date)
    {
        date = default;
        var match = NumericDate().Match(text);
        if (match.Success)
        {
            var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (!IsValid(year, month, day))
            {
                return false;
            }
            TimeSpan? time = null;
            if (match.Groups["h"].Success)
            {
                var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
                var minute = int.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture);
                var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
                if (hour < 24 && minute < 60 && second < 60)
                {
                    time = new TimeSpan(hour, minute, second);
                }
            }
            date = new ParsedDate(new DateOnly(year, month, day), time, match.Index, match.Length);
            return true;
        }
        var chinese = ChineseNumeralDate().Match(text);
        if (chinese.Success)
        {
            var year = DigitsOf(chinese.Groups["y"].Value);
            var month = SmallNumber(chinese.Groups["m"].Value);
            var day = SmallNumber(chinese.Groups["d"].Value);
            if (year is null || month is null || day is null || !IsValid(year.Value, month.Value, day.Value))
            {
                return false;
            }
            date = new ParsedDate(new DateOnly(year.Value, month.Value, day.Value), null, chinese.Index, chinese.Length);
            return true;
        }
        return false;
    }

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1990 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    // 二〇二六 → 2026: one digit per character.
    private static int? DigitsOf(string text)
    {
        var value = 0;
        foreach (var c in text)
        {
            var digit = "〇一二三四五六七八九".IndexOf(c) is var i and >= 0 ? i : c == '零' || c == 'О' || c == 'O' || c == '０' ? 0 : -1;
            if (digit < 0)
            {
                return null;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    // 十六 → 16, 三十一 → 31, 九 → 9.
    private static int? SmallNumber(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var ten = text.IndexOf('十');
        if (ten < 0)
        {
            return DigitsOf(text);
        }
        var tens = ten == 0 ? 1 : DigitsOf(text[..ten]);
        var ones = ten == text.Length - 1 ? 0 : DigitsOf(text[(ten + 1)..]);
        return tens is null || ones is null ? null : tens * 10 + ones;
    }

    [GeneratedRegex(
        @"(?<y>(?:19|20|21)\d{2})\s?(?:年|[-/.])\s?(?<m>\d{1,2})\s?(?:月|[-/.])\s?(?<d>\d{1,2})(?:\s?日)?(?:\s{0,3}(?<h>\d{1,2})" +
        @"[:：时](?<min>\d{2})(?:[:：分](?<s>\d{2}))?)?")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<y>[〇零一二三四五六七八九О]{4})年(?<m>[一二三四五六七八九十]{1,2})月(?<d>[一二三四五六七八九十]{1,3})日")]
    private static partial Regex ChineseNumeralDate();
}

/// <summary>A date, with its time of day when the text gave one, and where in the text it was written.</summary>
public readonly record struct ParsedDate(DateOnly Date, TimeSpan? Time, int Index, int Length)
{
    /// <summary>The instant in China's time zone; midnight when no time was written.</summary>
    public DateTimeOffset ToChinaTime() => new(Date.ToDateTime(TimeOnly.FromTimeSpan(Time ?? TimeSpan.Zero)), ChinaTime.Offset);
}
