namespace Oversight.Analysis.Tests;

/// <summary>report-types.yaml's cues for the watcher: which link titles of a portal column are reports, of what type and year.</summary>
public sealed class ReportLinkTitleTests
{
    [Theory]
    [InlineData("浑源县2024年法治政府建设年度报告", "rule_of_law", 2024)]
    [InlineData("中共浑源县委 浑源县人民政府关于2023年度法治政府建设情况的报告", "rule_of_law", 2023)]
    [InlineData("2025年浑源县法治政府建设情况", "rule_of_law", 2025)]
    [InlineData("浑源县人民政府办公室2024年政府信息公开工作年度报告", "information_disclosure", 2024)]
    [InlineData("2022年上海市政府信息公开工作年度报告", "information_disclosure", 2022)]
    public void ReportOfTitle_ReportTitle_TypeAndYear(string title, string type, int year)
    {
        Assert.Equal((type, year), ReportTypeCatalog.Loaded.ReportOfTitle(title));
    }

    [Theory]
    [InlineData("浑源县2025年法治政府建设工作要点")]
    [InlineData("关于印发《浑源县2025年法治政府建设工作计划》的通知")]
    [InlineData("浑源县2024年度法治政府建设工作总结的公示")]
    [InlineData("图解:浑源县2024年法治政府建设年度报告")]
    [InlineData("浑源县法治政府建设年度报告")]
    [InlineData("关于开展2025年行政执法案卷评查的通知")]
    public void ReportOfTitle_OtherNotice_Null(string title)
    {
        Assert.Null(ReportTypeCatalog.Loaded.ReportOfTitle(title));
    }
}
