using System.Text;
using Oversight.Analysis.Metadata;
using Oversight.Analysis.Outline;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>
/// The title cues load from title-cues.yaml, and each kind of cue decides a title: with the shipped words, and with
/// a word the data changes, so the layout takes them from the file and not from code.
/// </summary>
public class TitleCueTests
{
    private const string Prose = "2023年,我县坚持以习近平新时代中国特色社会主义思想为指导,全面推进法治政府建设,取得了新的成效。现将有关情况简要说明。";

    private static ReportReading Read(TitleCues cues, params string[] top)
    {
        var page = string.Join('\n', [.. top, Prose]);
        var reader = new ReportReader(TestDivisions.Registry, SectionClassifier.Default, PortalLayout.Default, HeaderFieldReader.Default, cues);
        return reader.Read(new ReportInput(Encoding.UTF8.GetBytes(page), "text/plain")).Reading!;
    }

    private static TitleCues Changed(Action<TitleCues> change)
    {
        var cues = EmbeddedData.Deserialize<TitleCues>(EmbeddedData.ReadText("title-cues.yaml"));
        change(cues);
        return TitleCues.Checked(cues);
    }

    [Fact]
    public void Default_Shipped_LoadsEveryCue()
    {
        var cues = TitleCues.Default;

        Assert.Equal((1, "报告", "关于"), (cues.Version, cues.ReportNoun, cues.About));
        Assert.Equal(["法治"], cues.Subjects);
        Assert.Equal(["情况", "总结"], cues.Situation.Endings);
        Assert.Contains("街道", cues.PlaceSuffixes);
        Assert.Equal(("【", "】", 2, 20), (cues.ColumnTag.Open, cues.ColumnTag.Close, cues.ColumnTag.MinLength, cues.ColumnTag.MaxLength));
        Assert.Equal(["法治政府", "法治建设", "依法行政"], cues.AnnualReport.Subjects);
        Assert.Equal(["报告如下", "汇报如下", "总结如下"], cues.AnnualReport.Announcements);
        Assert.Equal(["解读", "图解"], cues.AnnualReport.NotReports);
    }

    [Theory]
    // reportNoun: a line ending in it.
    [InlineData("某县2023年度法治政府建设情况报告", "", "某县2023年度法治政府建设情况报告")]
    // subjects: reportNoun inside a line that names the subject.
    [InlineData("某县2023年法治政府建设报告(全文)", "", "某县2023年法治政府建设报告(全文)")]
    // sentenceEnds and sentenceWords: a sentence is never the title.
    [InlineData("某县2023年度法治政府建设工作报告:", "", "")]
    [InlineData("现将某县2023年度法治政府建设情况报告如下", "", "")]
    // situation: a title without reportNoun.
    [InlineData("某乡2023年法治政府建设工作情况", "", "某乡2023年法治政府建设工作情况")]
    [InlineData("某乡2023年法治政府建设工作总结和2024年工作计划", "", "某乡2023年法治政府建设工作总结和2024年工作计划")]
    // about: a title broken after its first half.
    [InlineData("关于某市某区2025年度法治政府", "建设情况的报告", "关于某市某区2025年度法治政府建设情况的报告")]
    // placeSuffixes: a place alone above a title that starts with its year.
    [InlineData("重庆市铜梁区", "2023年法治政府建设情况报告", "重庆市铜梁区2023年法治政府建设情况报告")]
    // breadcrumbs: marks and starts.
    [InlineData("首页 > 政务公开 > 法治政府建设报告", "某县2023年度法治政府建设情况报告", "某县2023年度法治政府建设情况报告")]
    [InlineData("当前位置:首页/法治政府建设年度报告", "某县2023年度法治政府建设情况报告", "某县2023年度法治政府建设情况报告")]
    // siteSuffix and columnTag: taken off the title.
    [InlineData("某县2023年度法治政府建设情况报告_街镇园区文件_某县人民政府门户网站", "", "某县2023年度法治政府建设情况报告")]
    [InlineData("【省政府法治建设报告】某省2023年法治政府建设情况报告", "", "某省2023年法治政府建设情况报告")]
    public void Read_ShippedCue_DecidesTheTitle(string first, string second, string title)
    {
        var reading = Read(TitleCues.Default, second.Length == 0 ? [first] : [first, second]);

        Assert.Equal(title, reading.Layout.Title);
    }

    [Theory]
    [InlineData("〔法治专栏〕某省2023年法治政府建设情况报告", "某省2023年法治政府建设情况报告")]
    [InlineData("某县2023年度法治政府建设情况报告_某县政务服务平台", "某县2023年度法治政府建设情况报告")]
    [InlineData("某县2023年政府信息公开报告(全文)", "某县2023年政府信息公开报告(全文)")]
    [InlineData("位置:首页/法治政府建设年度报告", "某县2023年度法治政府建设情况报告")]
    public void Read_CueTheDataAdds_DecidesTheTitle(string first, string title)
    {
        var changed = Changed(c =>
        {
            (c.ColumnTag.Open, c.ColumnTag.Close) = ("〔", "〕");
            c.SiteSuffix.Endings.Add("平台");
            c.Subjects.Add("信息公开");
            c.Breadcrumbs.Starts.Add("位置");
        });
        string[] page = title == first ? [first] : [first, "某县2023年度法治政府建设情况报告"];

        Assert.Equal(title, Read(changed, page).Layout.Title);
        Assert.NotEqual(title, Read(TitleCues.Default, page).Layout.Title);
    }

    [Fact]
    public void Read_AnnouncementNamesTheSubject_LooksLikeAnnualReport()
    {
        const string title = "某县2023年度工作报告";
        const string announced = "现将我县2023年法治政府建设工作报告如下。";

        Assert.True(Read(TitleCues.Default, title, announced).LooksLikeAnnualReport);
        Assert.False(Read(TitleCues.Default, title).LooksLikeAnnualReport);
        Assert.False(Read(Changed(c => c.AnnualReport.Announcements = ["情况如下"]), title, announced).LooksLikeAnnualReport);
        Assert.True(Read(Changed(c => c.AnnualReport.Subjects = ["年度工作"]), title).LooksLikeAnnualReport);
    }

    [Fact]
    public void Checked_EmptyList_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Changed(c => c.Subjects.Clear()));

        Assert.Contains("title-cues.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("【", "】", 5, 2)]
    [InlineData("【【", "】", 2, 20)]
    [InlineData("【", "】", 0, 20)]
    public void Checked_BadColumnTag_Throws(string open, string close, int min, int max) =>
        Assert.Throws<InvalidOperationException>(() =>
            Changed(c => c.ColumnTag = new ColumnTagCues { Open = open, Close = close, MinLength = min, MaxLength = max }));
}
