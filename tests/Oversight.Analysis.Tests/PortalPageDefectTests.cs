using System.Text;
using Oversight.Analysis.Indicators;
using Oversight.Analysis.Metadata;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

/// <summary>Defects seen on real portal pages, each on a page written for the test in the layout that showed it.</summary>
public class PortalPageDefectTests
{
    private const string Body = """
        2025年,全区坚持以习近平法治思想为指导,推进法治政府建设。
        一、2025年推进法治政府建设的主要举措和成效
        全年审核行政规范性文件8件。
        二、存在的不足和原因
        部分执法人员能力不足,原因是培训不够。
        三、党政主要负责人履行推进法治建设第一责任人职责情况
        区长主持召开常务会议专题学法4次。
        四、2026年推进法治政府建设的主要安排
        持续深化行政执法三项制度改革。
        """;

    private static ReportReading Read(string page) =>
        new ReportReader(TestDivisions.Registry).Read(new ReportInput(Encoding.UTF8.GetBytes(page))).Reading!;

    [Fact]
    public void Read_TitleBrokenOverTwoLines_JoinedAndResolved()
    {
        var metadata = Read("关于大同市云冈区2025年度法治政府\n建设情况的报告\n发布时间:2026-02-12 09:30\n" + Body).Metadata;

        Assert.Equal("关于大同市云冈区2025年度法治政府建设情况的报告", metadata.Title);
        Assert.Equal(("140214", 2025), (metadata.JurisdictionCode, metadata.ReportYear));
    }

    [Fact]
    public void Read_BreadcrumbAndColumnNameAboveTheTitle_NeverTheTitle()
    {
        var page = "您所在的位置:首页 > 政务公开 > 工作报告\n工作报告\n浑源县2025年法治政府建设年度报告\n发布日期:2026-01-20\n" + Body;

        var metadata = Read(page).Metadata;

        Assert.Equal("浑源县2025年法治政府建设年度报告", metadata.Title);
        Assert.Equal("140225", metadata.JurisdictionCode);
    }

    [Fact]
    public void Read_DateInBracketsAfterTheTitle_PublicationCandidateNotTitle()
    {
        var metadata = Read("汾西县2025年度法治政府建设情况报告 (2026-02-26)\n" + Body).Metadata;

        Assert.Equal("汾西县2025年度法治政府建设情况报告", metadata.Title);
        Assert.Equal(new DateTimeOffset(2026, 2, 26, 0, 0, 0, TimeSpan.FromHours(8)), metadata.PublishedAt);
        Assert.Equal(PublicationBasis.TitleDate, metadata.PublishedAtBasis);
    }

    [Fact]
    public void Read_LabelledDateBesideABracketedOne_LabelWins()
    {
        var metadata = Read("汾西县2025年度法治政府建设情况报告(2026-02-26)\n发布时间:2026-03-02 10:15\n" + Body).Metadata;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(8)), metadata.PublishedAt);
        Assert.Equal(PublicationBasis.HeaderField, metadata.PublishedAtBasis);
    }

    [Fact]
    public void Read_UnlabelledDateInThePageChrome_LowConfidenceCandidate()
    {
        var metadata = Read("今天是:2026年3月1日 星期日\n浑源县2025年法治政府建设年度报告\n• 2026-01-23\n" + Body).Metadata;

        Assert.Equal(new DateOnly(2026, 1, 23), DateOnly.FromDateTime(metadata.PublishedAt!.Value.DateTime));
        Assert.Equal(PublicationBasis.PageDate, metadata.PublishedAtBasis);
    }

    [Fact]
    public void Read_OnlyAVisitDateBanner_NoPublicationDate()
    {
        var metadata = Read("今天是:2026年3月1日 星期日\n浑源县2025年法治政府建设年度报告\n" + Body).Metadata;

        Assert.Null(metadata.PublishedAt);
        Assert.Null(metadata.PublishedAtBasis);
    }

    [Fact]
    public void Read_SpacedDateAndCounterLabels_DateReadAndCounterNeitherValueNorAddressee()
    {
        var page = "浑源县2025年法治政府建设年度报告\n发布时间:2026- 02- 05 浏览次数:\n访问次数:\n" + Body;

        var metadata = Read(page).Metadata;

        Assert.Equal(new DateTimeOffset(2026, 2, 5, 0, 0, 0, TimeSpan.FromHours(8)), metadata.PublishedAt);
        Assert.Empty(metadata.Addressees);
        Assert.Contains(new HeaderField("发布日期", "2026- 02- 05"), metadata.HeaderFields);
    }

    [Fact]
    public void Read_HeadingsRunTogetherOnOneLine_EverySectionFound()
    {
        var page = "大同市云冈区2025年法治政府建设年度报告\n"
            + "一、2025年推进法治政府建设的主要举措和成效 (一)坚持党的领导。全年召开常务会议学法4次。 (二)完善依法行政制度。审核规范性文件8件。"
            + " 二、存在的不足和原因 执法队伍专业化不足,原因是培训不够。"
            + " 三、党政主要负责人履行推进法治建设第一责任人职责情况 区委书记带头学法。"
            + " 四、2026年推进法治政府建设的主要安排 持续深化改革。\n";

        var outline = Read(page).Outline;

        Assert.Equal(["measures", "shortfalls", "first_responsible", "next_year_plan"], outline.TopLevelKinds);
        Assert.Equal(["坚持党的领导", "完善依法行政制度"], outline.Sections[0].Children.Select(c => c.Heading));
        Assert.Equal("存在的不足和原因", outline.Sections[1].Heading);
    }

    [Fact]
    public void Read_NumeralListAfterASpace_NotAHeading()
    {
        var page = "浑源县2025年法治政府建设年度报告\n一、2025年推进法治政府建设的主要举措和成效\n全县建成 二、三级网格120个。\n二、存在的不足和原因\n原因是投入不足。\n";

        var outline = Read(page).Outline;

        Assert.Equal(["一、", "二、"], outline.Sections.Select(s => s.Number));
        Assert.Equal("存在的不足和原因", outline.Sections[1].Heading);
    }

    [Fact]
    public void Read_IssuerNamedBeforeAbout_OutranksThePostingOffice()
    {
        var metadata = Read("浑源县人民政府关于2025年法治政府建设情况的报告\n来源:浑源县人民政府办公室\n" + Body).Metadata;

        Assert.Equal("浑源县人民政府", metadata.Issuer);
        Assert.Equal("浑源县人民政府办公室", metadata.PostedBy);
        Assert.Equal("140225", metadata.JurisdictionCode);
    }

    [Fact]
    public void Read_SignatureBesideAPostingOffice_SignatureIsTheIssuer()
    {
        var page = "| 发布单位: | 县府办 | 公开方式: | 主动公开 |\n汾西县2025年法治政府建设年度报告\n" + Body + "\n汾西县人民政府\n2026年2月1日\n";

        var metadata = Read(page).Metadata;

        Assert.Equal(("汾西县人民政府", "县府办"), (metadata.Issuer, metadata.PostedBy));
        Assert.Equal(new DateOnly(2026, 2, 1), metadata.DocumentDate);
    }

    [Theory]
    [InlineData("www.hunyuan.gov.cn 发布时间:2026-02-10 17:08 来源:浑源县司法局", "发布日期=2026-02-10 17:08|来源=浑源县司法局")]
    [InlineData("| 发布单位: | 县府办 | 公开方式: | 主动公开 |", "发布机构=县府办|公开方式=主动公开")]
    [InlineData("| 发布单位: | 公开方式: | 主动公开 |", "发布机构=|公开方式=主动公开")]
    [InlineData("发布时间:2024-01-05 浏览次数:", "发布日期=2024-01-05|浏览次数=")]
    public void HeaderFieldReader_PortalLayoutsSeenInTheWild_OneValuePerLabel(string line, string expected)
    {
        var fields = HeaderFieldReader.Default.Read(line);

        Assert.Equal(expected, string.Join('|', fields.Select(f => $"{f.Name}={f.Value}")));
    }

    [Theory]
    [InlineData("本单位经费来源:县级财政拨付。")]
    [InlineData("全县 经费来源:县级财政拨付2万元。")]
    public void HeaderFieldReader_LabelInsideASentence_NotAHeader(string line)
    {
        Assert.Empty(HeaderFieldReader.Default.Read(line));
    }

    [Fact]
    public void ChineseDateParser_SpacedByMarkup_Parsed()
    {
        Assert.True(ChineseDateParser.TryParse("2024- 02- 05", out var date));

        Assert.Equal(new DateOnly(2024, 2, 5), date.Date);
    }
}
