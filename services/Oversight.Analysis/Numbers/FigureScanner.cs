using System.Buffers;
using System.Globalization;

namespace Oversight.Analysis.Numbers;

/// <summary>
/// Finds the figures in a text, left to right, in one pass. Arabic numbers always count (except parts of
/// dates and years); Chinese numerals count only with a unit or a qualifier, so 一是, 统一, 十四五 and 二十大
/// are words, while 八百多次 and 近百人 are figures. Ordinals (第一) are never figures.
/// </summary>
public static class FigureScanner
{
    // Longest first: 人次 before 人, 个工作日 before 个.
    // A comma between thousands ("12,345"): three digits follow it and no fourth.
    private static bool ThousandsComma(string text, int i, int end) =>
        text[i] == ',' && i + 3 < end && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3])
        && (i + 4 >= end || !char.IsAsciiDigit(text[i + 4]));

    private static readonly string[] Units =
    [
        "个工作日", "万人次", "万余元", "人次", "件次", "场次", "户次", "余元", "万元", "亿元", "小时", "个月", "家次",
        "件", "次", "人", "场", "份", "个", "项", "期", "篇", "条", "家", "户", "起", "名", "所", "天", "元", "批", "册", "张", "处", "轮",
        "堂", "部", "套", "台", "本", "类", "支", "队", "村", "卷", "%",
    ];

    // Where a figure can start: a digit or a numeral (百 of 百分之 is one).
    private static readonly SearchValues<char> Starts = SearchValues.Create("0123456789" + ChineseNumerals.Characters);

    private static readonly string[] PrefixAtLeast = ["超过", "逾", "超"];
    private static readonly string[] PrefixApproximately = ["将近", "接近", "大约", "约", "近"];

    public static IReadOnlyList<Figure> Scan(string text) => Scan(text, 0, text.Length);

    public static IReadOnlyList<Figure> Scan(string text, int start, int end)
    {
        var figures = new List<Figure>();
        var i = start;
        while (i < end)
        {
            // Most characters start no figure: jump to the next one that can (vectorised) instead of testing each.
            var skip = text.AsSpan(i, end - i).IndexOfAny(Starts);
            if (skip < 0)
            {
                break;
            }
            i += skip;
            var c = text[i];
            if (TryRead(text, i, end, out var figure, out var next))
            {
                figures.Add(figure);
                i = next;
                continue;
            }
            // Skip the rest of this run of digits or numerals.
            var arabic = char.IsAsciiDigit(c);
            while (i < end && (arabic ? char.IsAsciiDigit(text[i]) || text[i] is '.' or ',' : ChineseNumerals.IsNumeralChar(text[i])))
            {
                i++;
            }
        }
        return figures;
    }

    private static bool TryRead(string text, int start, int end, out Figure figure, out int next)
    {
        figure = null!;
        next = start;
        if (start > 0 && (text[start - 1] is '第' or '.' or ':' || char.IsAsciiDigit(text[start - 1])))
        {
            return false;
        }

        var percentWords = Peek(text, start, "百分之");
        var position = percentWords ? start + 3 : start;
        if (!ReadNumber(text, position, end, out var value, out position, out var arabic))
        {
            return false;
        }
        double? upper = null;
        var afterFirst = position;
        if (position < end && text[position] is '至' or '-' or '~' or '—' or '到')
        {
            if (ReadNumber(text, position + 1, end, out var second, out var afterSecond, out var secondArabic) && secondArabic == arabic && second > value)
            {
                upper = second;
                position = afterSecond;
            }
        }

        // Pages that space out their numbers ("提供法律咨询 240 余人次", "办理各类公证 441 件") put one space before the unit.
        if (arabic && position + 1 < end && text[position] == ' ' && (text[position + 1] is '余' or '多' || ReadUnit(text, position + 1, end).Length > 0))
        {
            position++;
        }

        // The word before the figure, read once: it qualifies the figure (约 over 超过) and is part of its raw text.
        var atLeast = Before(text, start, PrefixAtLeast);
        var approximately = Before(text, start, PrefixApproximately);
        var qualifier = approximately is not null ? Figure.Approximately : atLeast is not null ? Figure.AtLeast : Figure.Exact;
        if (position < end && text[position] is '余' or '多')
        {
            qualifier = Figure.AtLeast;
            position++;
        }

        var unit = percentWords ? "%" : ReadUnit(text, position, end);
        position += percentWords ? 0 : unit.Length;
        if (unit.StartsWith("余", StringComparison.Ordinal))
        {
            qualifier = Figure.AtLeast;
            unit = unit[1..];
        }
        if (unit.StartsWith("万", StringComparison.Ordinal) && unit.Length > 1)
        {
            value *= 10_000;
            upper *= 10_000;
            unit = unit[1..];
        }
        if (position < end && Peek(text, position, "以上"))
        {
            qualifier = Figure.AtLeast;
            position += 2;
        }
        else if (position < end && (Peek(text, position, "左右") || Peek(text, position, "上下")))
        {
            qualifier = Figure.Approximately;
            position += 2;
        }

        if (arabic)
        {
            // Dates and years are not figures: 2025年, 3月, 16日, 17:08.
            if (afterFirst < end && text[afterFirst] is '年' or '月' or '日' or ':' or '号' or '时')
            {
                return false;
            }
        }
        else if (unit.Length == 0 && qualifier == Figure.Exact && !percentWords)
        {
            return false;
        }
        else if (afterFirst == start + 1 && text[start] == '一' && unit.Length == 1 && qualifier == Figure.Exact)
        {
            // 统一部署, 一张蓝图, 一支队伍: a lone 一 before a one-character unit is a word, not a count.
            return false;
        }

        var rawStart = start - (atLeast ?? approximately ?? "").Length;
        figure = new Figure(value, upper, qualifier, unit, rawStart, position - rawStart, text[rawStart..position]);
        next = position;
        return true;
    }

    private static bool ReadNumber(string text, int start, int end, out double value, out int next, out bool arabic)
    {
        value = 0;
        next = start;
        arabic = start < end && char.IsAsciiDigit(text[start]);
        if (arabic)
        {
            var i = start;
            while (i < end && (char.IsAsciiDigit(text[i]) || ThousandsComma(text, i, end)))
            {
                i++;
            }
            if (i + 1 < end && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
                while (i < end && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
            if (i - start > 15)
            {
                return false;
            }
            value = double.Parse(text.AsSpan(start, i - start).ToString().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            // Spaced-out pages write "1.3 万件": the multiplier still belongs to the number.
            if (i + 1 < end && text[i] == ' ' && ChineseNumerals.Multiplier(text[i + 1]) is 10_000 or 100_000_000)
            {
                i++;
            }
            if (i < end && ChineseNumerals.Multiplier(text[i]) is 10_000 or 100_000_000)
            {
                value *= ChineseNumerals.Multiplier(text[i]);
                i++;
            }
            next = i;
            return true;
        }
        var j = start;
        while (j < end && j - start < 12 && ChineseNumerals.IsNumeralChar(text[j]))
        {
            j++;
        }
        var parsed = ChineseNumerals.Parse(text.AsSpan(start, j - start));
        if (parsed is null)
        {
            return false;
        }
        value = parsed.Value;
        next = j;
        return true;
    }

    private static string? Before(string text, int start, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (EndsBefore(text, start, prefix))
            {
                return prefix;
            }
        }
        return null;
    }

    private static string ReadUnit(string text, int start, int end)
    {
        foreach (var unit in Units)
        {
            if (start + unit.Length <= end && string.CompareOrdinal(text, start, unit, 0, unit.Length) == 0)
            {
                return unit;
            }
        }
        return "";
    }

    private static bool Peek(string text, int at, string word) =>
        at + word.Length <= text.Length && string.CompareOrdinal(text, at, word, 0, word.Length) == 0;

    private static bool EndsBefore(string text, int at, string word) =>
        at >= word.Length && string.CompareOrdinal(text, at - word.Length, word, 0, word.Length) == 0;
}
