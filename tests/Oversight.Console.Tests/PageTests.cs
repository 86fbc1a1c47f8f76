using MiniExcelLibs;
using OpenQA.Selenium;
using Oversight.Contracts.Compliance.V1;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>Every page at the smallest office screen the console is made for, and the findings list as Excel.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PageTests(ConsoleFixture fixture)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "findings", "/findings?scope=1402&year=2025&status=open" },
        { "notice", "/notice?scope=1402&year=2025" },
        { "reports", "/reports?scope=1402&year=2025" },
        { "figures", "/figures?scope=1402&year=2025" },
        { "reuse", "/reuse?scope=1402&year=2025" },
        { "registry", "/registry?scope=1402" },
        { "audit", "/audit" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_At1366x768_FitsTheWidthWithNoSidewaysScrolling(string name, string path)
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.AdminKey);
        browser.Go(path);

        Assert.NotEqual("无权访问", browser.Heading);
        var (scrollWidth, viewport) = Widths(browser);
        Assert.True(scrollWidth <= viewport, $"{path}: {scrollWidth}px wide in a {viewport}px window");
        browser.Screenshot(name);
    }

    [Fact]
    public async Task FindingsExport_Xlsx_ReadsBackAsTheServicesList()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);
        browser.Go("/findings?scope=1402&year=2025&status=open");
        foreach (var old in Directory.GetFiles(fixture.Downloads, "*.xlsx"))
        {
            File.Delete(old);
        }

        browser.Driver.FindElement(By.PartialLinkText("Excel")).Click();
        var files = await Eventually.UntilAsync(() => Task.FromResult(Directory.GetFiles(fixture.Downloads, "*.xlsx")), f => f.Length > 0,
            TimeSpan.FromSeconds(30), "the downloaded .xlsx");

        var rows = MiniExcel.Query(Assert.Single(files), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var listed = new List<Finding>();
        var request = new ListFindingsRequest { JurisdictionPrefix = "1402", ReportYear = 2025, Status = "open", ReportType = "rule_of_law", PageSize = 500 };
        do
        {
            var page = await fixture.Compliance(fixture.CityKey).ListFindingsAsync(request);
            listed.AddRange(page.Findings);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        Assert.True(listed.Count > 50, $"{listed.Count} findings: more than the page of 50 the list shows");
        Assert.Equal(listed.Select(f => f.FindingId).Order(), rows.Select(r => (string)r["问题编号"]).Order());
        Assert.All(rows, r => Assert.StartsWith("1402", (string)r["辖区代码"], StringComparison.Ordinal));
    }

    private static (long ScrollWidth, long Viewport) Widths(Browser browser)
    {
        var widths = (IReadOnlyCollection<object>)browser.Driver.ExecuteScript(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")!;
        return ((long)widths.First(), (long)widths.Last());
    }
}
