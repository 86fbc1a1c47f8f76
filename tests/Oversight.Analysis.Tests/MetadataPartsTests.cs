using Oversight.Analysis.Metadata;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

public class MetadataPartsTests
{
    [Theory]
    [InlineData("发布日期: 2026-01-12", "发布日期", "2026-01-12")]
    [InlineData("- 发布日期:2026-01-12", "发布日期", "2026-01-12")]
    [InlineData("| 发布日期 | 2026-01-12 |", "发布日期", "2026-01-12")]
    [InlineData("索 引 号: 035200009/2026-00013", "索引号", "035200009/2026-00013")]
    [InlineData("- 发文机构:普兰县人民政府", "发布机构", "普兰县人民政府")]
    [InlineData("公文生成日期:2025-12-31", "成文日期", "2025-12-31")]
    public void HeaderFieldReader_PortalLayouts_CanonicalNameAndValue(string line, string name, string value)
    {
        var field = Assert.Single(HeaderFieldReader.Default.Read(line));

        Assert.Equal(name, field.Name);
        Assert.Equal(value, field.Value);
    }

    [Fact]
    public void HeaderFieldReader_SeveralFieldsOnOneLine_AllRead()
    {
        var fields = HeaderFieldReader.Default.Read("发布时间:2026-02-10 17:08 来源:浑源县人民政府");

        Assert.Equal([new HeaderField("发布日期", "2026-02-10 17:08"), new HeaderField("来源", "浑源县人民政府")], fields);
    }

    [Fact]
    public void HeaderFieldReader_BodySentenceMentioningALabel_NotAHeader()
    {
        Assert.Empty(HeaderFieldReader.Default.Read("经费来源:县级财政拨付2万元,确保法治建设经费充足。"));
    }

    [Theory]
    [InlineData("2026-02-10 17:08", 2026, 2, 10, 17, 8)]
    [InlineData("2026-01-12", 2026, 1, 12, -1, 0)]
    [InlineData("2025年03月28日 16:52", 2025, 3, 28, 16, 52)]
    [InlineData("2019年3月1日", 2019, 3, 1, -1, 0)]
    [InlineData("2021/03/29 11:30:01", 2021, 3, 29, 11, 30)]
    [InlineData("2025-05-28 14:14:25 Wed", 2025, 5, 28, 14, 14)]
    [InlineData("二〇二六年一月十六日", 2026, 1, 16, -1, 0)]
    [InlineData("二〇二五年十二月三十一日", 2025, 12, 31, -1, 0)]
    public void ChineseDateParser_EveryPortalFormat_ParsedInChinaTime(string text, int year, int month, int day, int hour, int minute)
    {
        Assert.True(ChineseDateParser.TryParse(text, out var date));

        Assert.Equal(new DateOnly(year, month, day), date.Date);
        Assert.Equal(hour < 0 ? null : new TimeSpan(hour, minute, date.Time?.Seconds ?? 0), date.Time);
        Assert.Equal(TimeSpan.FromHours(8), date.ToChinaTime().Offset);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("无")]
    public void ChineseDateParser_NotADate_False(string text)
    {
        Assert.False(ChineseDateParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData("大同市云冈区", "140214")]
    [InlineData("云冈区", "140214")]
    [InlineData("云冈区云冈镇", "140214102")]
    [InlineData("云冈镇", "140214102")]
    [InlineData("山西省大同市浑源县", "140225")]
    [InlineData("阳泉市城区", "140302")]
    public void JurisdictionRegistry_NameWithOrWithoutParents_Resolved(string name, string code)
    {
        var resolution = TestDivisions.Registry.Resolve(name);

        Assert.Equal(JurisdictionResolution.Resolved, resolution.Status);
        Assert.Equal(code, resolution.Division!.Code);
    }

    [Fact]
    public void JurisdictionRegistry_BareNameOfSeveralDivisions_AmbiguousWithCandidatesNotAGuess()
    {
        var resolution = TestDivisions.Registry.Resolve("城区");

        Assert.Equal(JurisdictionResolution.Ambiguous, resolution.Status);
        Assert.Null(resolution.Division);
        Assert.Equal(["140302", "140502"], resolution.Candidates);
    }

    [Theory]
    [InlineData("临汾市云冈区")]
    [InlineData("不存在县")]
    public void JurisdictionRegistry_WrongParentOrUnknown_Unresolved(string name)
    {
        Assert.Equal(JurisdictionResolution.Unresolved, TestDivisions.Registry.Resolve(name).Status);
    }

    [Fact]
    public void Read_AmbiguousTitle_ReportsCandidates()
    {
        var text = "城区2025年法治政府建设年度报告\n2025年,城区扎实推进法治政府建设。\n一、主要举措和成效\n正文。";

        var metadata = new ReportReader(TestDivisions.Registry).Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!.Metadata;

        Assert.Equal(JurisdictionResolution.Ambiguous, metadata.JurisdictionResolution);
        Assert.Null(metadata.JurisdictionCode);
        Assert.Equal(["140302", "140502"], metadata.JurisdictionCandidates);
        Assert.Equal("county", metadata.Level);
    }

    [Fact]
    public void Read_DepartmentReport_LevelDepartmentInItsCounty()
    {
        var text = "浑源县司法局2025年法治政府建设年度报告\n2025年,县司法局扎实推进法治政府建设。\n一、主要举措和成效\n正文。\n二、存在的不足和原因\n正文。";

        var metadata = new ReportReader(TestDivisions.Registry).Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!.Metadata;

        Assert.Equal("department", metadata.Level);
        Assert.Equal("140225", metadata.JurisdictionCode);
        Assert.Equal("浑源县司法局", metadata.Issuer);
    }

    [Fact]
    public void Read_SuppliedCodeAndYear_WinOverTheText()
    {
        var metadata = new ReportReader(TestDivisions.Registry)
            .Read(new ReportInput(SampleReports.Bytes(SampleReports.Yungang), JurisdictionCode: "140214", ReportYear: 2024)).Reading!.Metadata;

        Assert.Equal("supplied", metadata.JurisdictionResolution);
        Assert.Equal("140214", metadata.JurisdictionCode);
        Assert.Equal(2024, metadata.ReportYear);
        Assert.Equal(2025, metadata.TitleYear);
    }

    [Fact]
    public void Read_NewsArticle_DoesNotLookLikeAnAnnualReport()
    {
        var text = "我县召开2025年春季植树造林动员会\n3月12日,我县召开春季植树造林动员会,部署全年绿化任务。会议要求各乡镇高度重视。";

        var reading = ReportReader.Default.Read(new ReportInput(System.Text.Encoding.UTF8.GetBytes(text))).Reading!;

        Assert.False(reading.LooksLikeAnnualReport);
    }
}
