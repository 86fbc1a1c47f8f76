using System.Net;
using System.Text;
using Oversight.Analysis.Outline;
using Oversight.Testing;

namespace Oversight.Analysis.Tests;

public class HtmlTests
{
    [Fact]
    public void Read_PortalPageAroundASeed_SameMetadataAndOutlineWithoutChrome()
    {
        var text = SampleReports.Text(SampleReports.Hunyuan);
        var body = string.Join("", text.Split('\n').SkipWhile(l => !l.StartsWith("2025年,浑源县", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("扫一扫", StringComparison.Ordinal))
            .Where(l => l.Trim().Length > 0).Select(l => $"<p style=\"text-indent:2em\">{WebUtility.HtmlEncode(l.Trim())}</p>\n"));
        var html = $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>浑源县2025年法治政府建设年度报告_浑源县人民政府</title>
            <script>var secret = "脚本里的文字";</script><style>.x{color:red}</style></head>
            <body>
            <nav><a href="/">首页</a> <a href="/zwgk">政务公开</a></nav>
            <div class="crumb">字号【大】【中】【小】</div>
            <table class="info">
              <tr><td>索 引 号:</td><td>035200009/2026-00013</td><td>信息分类:</td><td>县区</td></tr>
              <tr><td>发布机构:</td><td>浑源县人民政府</td><td>发布日期:</td><td>2026-02-10 17:08</td></tr>
            </table>
            <h1>浑源县2025年法治政府建设年度报告</h1>
            <div id="zoom">
            {{body}}
            </div>
            <div class="footer"><p>扫一扫在手机上查看当前页面</p><p>相关解读</p><p>晋公网安备 14022502000001号</p></div>
            </body></html>
            """;

        var reading = new ReportReader(TestDivisions.Registry).Read(new ReportInput(Encoding.UTF8.GetBytes(html), "text/html")).Reading!;

        Assert.True(reading.Decoded.IsHtml);
        Assert.Equal("浑源县2025年法治政府建设年度报告", reading.Metadata.Title);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 17, 8, 0, TimeSpan.FromHours(8)), reading.Metadata.PublishedAt);
        Assert.Equal("035200009/2026-00013", reading.Metadata.IndexNumber);
        Assert.Equal(new DateOnly(2026, 1, 16), reading.Metadata.DocumentDate);
        Assert.Equal("140225", reading.Metadata.JurisdictionCode);
        Assert.Equal(
            [SectionKinds.Measures, SectionKinds.FirstResponsible, SectionKinds.Shortfalls, SectionKinds.NextYearPlan, SectionKinds.Suggestions,
                SectionKinds.OtherMatters],
            reading.Outline.TopLevelKinds);
        Assert.DoesNotContain("脚本里的文字", reading.OriginalText, StringComparison.Ordinal);
        Assert.DoesNotContain("color:red", reading.OriginalText, StringComparison.Ordinal);
        Assert.DoesNotContain("政务公开", reading.OriginalText, StringComparison.Ordinal);
        var article = reading.Body.Of(reading.OriginalText);
        Assert.DoesNotContain("扫一扫", article, StringComparison.Ordinal);
        Assert.DoesNotContain("网安备", article, StringComparison.Ordinal);
        Assert.DoesNotContain("字号", article, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrsMetaTags_BecomeHeaderFields()
    {
        const string html = """
            <html><head><meta name="ArticleTitle" content="普兰县2025年法治政府建设年度报告"><meta name="PubDate" content="2026-01-12 10:30"></head>
            <body><p>普兰县2025年法治政府建设年度报告</p><p>一、工作开展情况</p><p>正文。</p></body></html>
            """;

        var reading = ReportReader.Default.Read(new ReportInput(Encoding.UTF8.GetBytes(html), "text/html")).Reading!;

        Assert.Equal(new DateTimeOffset(2026, 1, 12, 10, 30, 0, TimeSpan.FromHours(8)), reading.Metadata.PublishedAt);
    }
}
