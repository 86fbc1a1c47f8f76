using System.Text;
using Oversight.Analysis.Outline;

namespace Oversight.Analysis.Tests;

public class OutlineTests
{
    private static ReportReading Read(string text) => ReportReader.Default.Read(new ReportInput(Encoding.UTF8.GetBytes(text))).Reading!;

    [Fact]
    public void Outline_FourLevels_NestedByRank()
    {
        var reading = Read("某县2025年法治政府建设年度报告\n一、主要举措和成效\n(一)完善制度\n1.制定清单\n(1)细化分工\n(2)压实责任\n2.开展评查\n(二)规范执法\n二、存在的问题和不足\n正文。");

        var measures = reading.Outline.Sections[0];
        Assert.Equal(["一/(一)", "一/(二)"], measures.Children.Select(c => c.Path));
        Assert.Equal(["一/(一)/1", "一/(一)/2"], measures.Children[0].Children.Select(c => c.Path));
        Assert.Equal(["一/(一)/1/(1)", "一/(一)/1/(2)"], measures.Children[0].Children[0].Children.Select(c => c.Path));
        Assert.Equal(4, measures.Children[0].Children[0].Children[0].Depth);
    }

    [Fact]
    public void Outline_HeadingFollowedByBodyOnTheSameLine_HeadingEndsAtTheFullStop()
    {
        var reading = Read("某县2025年法治政府建设年度报告\n一、主要举措和成效\n（一）深入学习贯彻习近平法治思想。全县开展专题学习43次。\n（二）加强领导。正文。");

        var first = reading.Outline.Sections[0].Children[0];
        Assert.Equal("深入学习贯彻习近平法治思想", first.Heading);
        Assert.Equal("（一）", first.Number);
        Assert.Equal("一/（一）", first.Path);
    }

    [Fact]
    public void Outline_NumberingInsideAParagraph_NotAHeading()
    {
        var reading = Read("某县2025年法治政府建设年度报告\n一、主要举措和成效\n全年开展了以下工作:一、学习;二、培训;三、督察。\n二、存在的问题和不足\n正文。");

        Assert.Equal([SectionKinds.Measures, SectionKinds.Shortfalls], reading.Outline.TopLevelKinds);
    }

    [Fact]
    public void Outline_OutOfSequenceNumberAtLineStart_BodyNotHeading()
    {
        var reading = Read("某县2025年法治政府建设年度报告\n一、主要举措和成效\n二、存在的问题和不足\n一、这是引用的条目,不是新章节\n三、下一步工作打算\n正文。");

        Assert.Equal(["一", "二", "三"], reading.Outline.Sections.Select(s => s.Path));
    }

    [Fact]
    public void Outline_InlineEnumeration_ItemsOfTheEnclosingSection()
    {
        var reading = Read("某县2025年法治政府建设年度报告\n一、主要举措和成效\n(一)强化组织领导。一是压实主体责任。将法治建设纳入考核。二是健全学法机制。制定清单。\n三是强化资金保障。拨付经费。");

        var items = reading.Outline.Sections[0].Children[0].Children;
        Assert.Equal(["一是", "二是", "三是"], items.Select(i => i.Number));
        Assert.Equal(["压实主体责任", "健全学法机制", "强化资金保障"], items.Select(i => i.Heading));
        Assert.All(items, i => Assert.True(i.Inline));
    }

    [Fact]
    public void Outline_EnumerationMidSentence_NotItems()
    {
        var reading = Read("某县2025年法治政府建设年度报告\n一、主要举措和成效\n究其原因,主要在于一是重视不够;二是形式单一。");

        Assert.Empty(reading.Outline.Sections[0].Children);
    }
}
