using System.Text;
using Oversight.Fetching.Pages;

namespace Oversight.Fetching.Tests;

public sealed class PageLinksTests
{
    [Fact]
    public void Read_GbkPage_LinksResolvedWithTheirWholeTitles()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var html = "<html><head><meta charset=\"gbk\"></head><body><a href=\"./202403/t20240328_1.html\" title=\"某县2023年法治政府建设年度报告\">某县2023年法治…</a>"
            + "<a href=\"P0123.pdf\">附件.pdf</a><a href=\"javascript:void(0)\">x</a><a href=\"#top\">顶部</a></body></html>";
        var bytes = Encoding.GetEncoding("GBK").GetBytes(html);

        var links = PageLinks.Read(bytes, "text/html", new Uri("http://127.0.0.1:8080/zwgk/fzzf/index.html"));

        Assert.Equal(["http://127.0.0.1:8080/zwgk/fzzf/202403/t20240328_1.html", "http://127.0.0.1:8080/zwgk/fzzf/P0123.pdf",
            "http://127.0.0.1:8080/zwgk/fzzf/index.html"],
            links.Select(l => l.Address.AbsoluteUri));
        Assert.Equal("某县2023年法治政府建设年度报告", links[0].Text);
        Assert.True(PageLinks.IsAttachment(links[1].Address));
        Assert.False(PageLinks.IsAttachment(links[0].Address));
    }

    [Theory]
    [InlineData("石景山区2025年法治政府建设年度报…")]
    [InlineData("石景山区2025年法治政府建设年度...")]
    public void Read_TextCutToTheTitlesOwnLength_TheTitle(string shown)
    {
        // 19 characters cut to 18 and an ellipsis: as long as the title, which is still the whole one.
        var html = $"<html><body><a href=\"t1.html\" title=\"石景山区2025年法治政府建设年度报告\">{shown}</a><a href=\"t2.html\" title=\"详情\">查看全文</a></body></html>";

        var links = PageLinks.Read(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", new Uri("http://127.0.0.1:8080/col/index.html"));

        Assert.Equal(["石景山区2025年法治政府建设年度报告", "查看全文"], links.Select(l => l.Text));
    }
}
