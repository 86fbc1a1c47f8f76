using Oversight.Analysis.Numbers;
using Oversight.Analysis.Text;

namespace Oversight.Analysis.Tests;

public class TextAndNumbersTests
{
    [Fact]
    public void Normalize_FullWidthAndSpaces_FoldedWithOffsetsIntoTheOriginal()
    {
        const string original = "（一）受理１２件，审结　１０件。\r\n\r\n\r\n\r\n二、 下一步";

        var normalized = TextNormalizer.Normalize(original);

        Assert.Equal("(一)受理12件,审结 10件。\n\n二、 下一步", normalized.Text);
        var at = normalized.Text.IndexOf("12件", StringComparison.Ordinal);
        Assert.Equal("１２件", normalized.ToOriginal(at, 3).Of(original));
        var plan = normalized.Text.IndexOf("下一步", StringComparison.Ordinal);
        Assert.Equal("下一步", normalized.ToOriginal(plan, 3).Of(original));
    }

    [Theory]
    [InlineData("【关闭】", true)]
    [InlineData("字号:【大】【中】【小】【打印】", true)]
    [InlineData("晋ICP备05000001号", true)]
    [InlineData("本站版权所有", true)]
    [InlineData("【关闭窗口", false)]
    [InlineData("版权", false)]
    [InlineData("icp备", false)]
    [InlineData("", false)]
    public void WordSet_WordsSharingFirstCharactersAnywhereInTheLine_FoundOnlyWhole(string line, bool expected)
    {
        var words = new WordSet(["【打印】", "【关闭】", "ICP备", "版权所有", ""]);

        Assert.Equal(expected, words.IsIn(line));
        Assert.Equal(new[] { "【打印】", "【关闭】", "ICP备", "版权所有" }.Any(w => line.Contains(w, StringComparison.Ordinal)), words.IsIn(line));
    }

    [Fact]
    public void WordSet_NoWords_NothingFound() => Assert.False(new WordSet([]).IsIn("任何文字"));

    [Theory]
    [InlineData("新收47件", 47, null, "exact", "件")]
    [InlineData("纠错率为25.93%", 25.93, null, "exact", "%")]
    [InlineData("开展活动八百多次", 800, null, "at_least", "次")]
    [InlineData("覆盖百余人次", 100, null, "at_least", "人次")]
    [InlineData("发放资料2万余份", 20000, null, "at_least", "份")]
    [InlineData("开展十余次", 10, null, "at_least", "次")]
    [InlineData("培训近百人", 100, null, "approximately", "人")]
    [InlineData("惠及1.5万人", 15000, null, "exact", "人")]
    [InlineData("节约3000余个工作日", 3000, null, "at_least", "个工作日")]
    [InlineData("每年3至5场", 3, 5.0, "exact", "场")]
    [InlineData("约1,200件", 1200, null, "approximately", "件")]
    [InlineData("达到百分之九十", 90, null, "exact", "%")]
    [InlineData("两千份以上", 2000, null, "at_least", "份")]
    [InlineData("培训500人左右", 500, null, "approximately", "人")]
    public void FigureScanner_WaysReportsWriteFigures_ValueQualifierAndUnit(string text, double value, double? upper, string qualifier, string unit)
    {
        var figure = Assert.Single(FigureScanner.Scan(text));

        Assert.Equal(value, figure.Value, 6);
        Assert.Equal(upper, figure.Upper);
        Assert.Equal(qualifier, figure.Qualifier);
        Assert.Equal(unit, figure.Unit);
        Assert.Equal(figure.Raw, text.Substring(figure.Start, figure.Length));
    }

    [Theory]
    [InlineData("一是强化理论学习")]
    [InlineData("统一部署")]
    [InlineData("十四五规划")]
    [InlineData("党的二十大精神")]
    [InlineData("第一责任人")]
    [InlineData("2025年,我县")]
    [InlineData("3月12日召开")]
    [InlineData("发布时间17:08")]
    public void FigureScanner_WordsDatesAndOrdinals_NoFigure(string text)
    {
        Assert.Empty(FigureScanner.Scan(text));
    }

    [Fact]
    public void FigureScanner_ReconsiderationSentence_EveryFigureInOrder()
    {
        const string text = "行政复议去年结转5件,本年度新收47件,共计52件,其中受理28件,受理后审结27件,其中纠错7件,纠错率为25.93%";

        var figures = FigureScanner.Scan(text);

        Assert.Equal([5, 47, 52, 28, 27, 7, 25.93], figures.Select(f => f.Value));
    }
}
