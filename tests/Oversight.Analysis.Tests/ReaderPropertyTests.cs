using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Numbers;

namespace Oversight.Analysis.Tests;

/// <summary>
/// Properties (FsCheck) of the number parser and the reader over generated input: Chinese numerals read back as the
/// numbers they write; no text, fragment mix or byte string makes the scanner or the reader throw or point outside
/// the text it was given.
/// </summary>
public class ReaderPropertyTests
{
    private static readonly ReportReader Reader = new(ShippedDivisions.Registry);

    // Pieces of report pages, mixed at random: headings, figures in both notations, dates, labels, markup, noise.
    private static readonly string[] Pieces =
    [
        "一、", "(二)", "1.", "主要举措和成效", "存在的不足和原因", "第一责任人", "下一年度", "\n", " ", "。", ",", "：",
        "全年办理行政复议案件", "共计", "件", "人次", "%", "余", "约", "其中", "新增", "3", "12.5", "1,024", "二十三", "一百零五", "两千",
        "发布日期:", "2024-03-01", "2024年3月1日", "来源:", "浑源县人民政府", "关于", "报告", "<p>", "</p>", "<br>", "&nbsp;", "\u3000", "\uFEFF", "\u0000",
    ];

    [Fact]
    public void ChineseNumerals_Characters_ExactlyTheOnesIsNumeralCharAccepts()
    {
        var accepted = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(ChineseNumerals.IsNumeralChar);

        Assert.Equal(ChineseNumerals.Characters.Order(), accepted.Order());
    }

    [Fact]
    public void ChineseNumerals_WrittenNumber_ReadsBackAsItself()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 99_999_999)), n => ChineseNumerals.Parse(Write(n)) == n)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FigureScanner_AnyText_FiguresInsideItAndFinite()
    {
        Prop.ForAll(Arb.From(Text()), text => FigureScanner.Scan(text).All(f =>
                f.Start >= 0 && f.End <= text.Length && f.Raw == text.Substring(f.Start, f.Length) && double.IsFinite(f.Value)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_AnyFragmentMix_NeverThrowsAndSpansInsideTheText()
    {
        Prop.ForAll(Arb.From(Text()), text =>
            {
                var result = Reader.Read(new ReportInput(Encoding.UTF8.GetBytes(text)));
                if (result.Reading is not { } reading)
                {
                    return result.Error is not null;
                }
                var length = reading.Text.Original.Length;
                return reading.Outline.Sections.All(s => s.Span.Start >= 0 && s.Span.Start + s.Span.Length <= length && s.HeadingSpan.Start >= s.Span.Start)
                    && reading.Outline.Coverage.SelectMany(c => c.Evidence).All(e => e.Span.Start >= 0 && e.Span.Start + e.Span.Length <= length);
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_AnyBytes_NeverThrows()
    {
        Prop.ForAll<byte[]>(bytes => Reader.Read(new ReportInput(bytes)) is { } result && (result.Reading is not null || result.Error is not null))
            .QuickCheckThrowOnFailure();
    }

    private static Gen<string> Text() => Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts));

    // The reading Chinese writes: 一千零五, 十五, 二百一十五, 三万零二十, 一千二百万.
    private static string Write(int n)
    {
        if (n == 0)
        {
            return "零";
        }
        var high = n / 10_000;
        var low = n % 10_000;
        var text = new StringBuilder();
        if (high > 0)
        {
            text.Append(Section(high, leading: true)).Append('万');
        }
        if (low > 0)
        {
            if (high > 0 && low < 1000)
            {
                text.Append('零');
            }
            text.Append(Section(low, leading: high == 0));
        }
        return text.ToString();
    }

    private static string Section(int n, bool leading)
    {
        const string Digits = "零一二三四五六七八九";
        var units = new[] { "千", "百", "十", "" };
        var divisors = new[] { 1000, 100, 10, 1 };
        var text = new StringBuilder();
        var pendingZero = false;
        for (var i = 0; i < 4; i++)
        {
            var digit = n / divisors[i] % 10;
            if (digit == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }
            if (pendingZero)
            {
                text.Append('零');
                pendingZero = false;
            }
            // 十五, not 一十五, at the start of a number.
            if (!(i == 2 && digit == 1 && leading && text.Length == 0))
            {
                text.Append(Digits[digit]);
            }
            text.Append(units[i]);
        }
        return text.ToString();
    }
}
