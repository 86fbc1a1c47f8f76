using System.Globalization;
using Grpc.Core;
using MiniExcelLibs;
using OpenQA.Selenium;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>
/// The office console in a real headless browser against the real platform: what a person signed in with a key sees and
/// may do, checked against what the services answer for the same key.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleFixture fixture)
{
    private const string Datong = "1402";

    [Fact]
    public async Task Overview_AdminSignedIn_NumbersEqualTheServicesAnswersForTheScope()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.AdminKey);
        browser.Go($"/overview?scope={Datong}&year=2025");

        var expected = await ExpectedOverviewAsync(fixture.AdminKey, Datong, 2025);
        var shown = new Dictionary<string, long>();
        foreach (var id in expected.Keys)
        {
            var value = browser.Driver.FindElement(By.CssSelector($"#card-{id} dd a.num"));
            shown[id] = long.Parse(value.Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        }

        Assert.Equal(expected, shown);
        Assert.True(expected["received"] > 0 && expected["not-disclosed"] > 0 && expected["expected"] > expected["received"], string.Join(",", expected));
        Assert.Contains("大同市 2025 年度总览", browser.Heading, StringComparison.Ordinal);
        Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("svg[role=img] a rect")));
        Assert.All(browser.Screenshot("overview"), path => Assert.True(new FileInfo(path).Length > 10_000, path));

        browser.Driver.FindElement(By.CssSelector("#card-received dd a.num")).Click();
        Assert.Equal(expected["received"], browser.Driver.FindElements(By.CssSelector("main table tbody tr")).Count);
    }

    [Fact]
    public void SignIn_Key_KeptOnlyInTheServerSession()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);

        Assert.EndsWith("/overview", browser.Driver.Url, StringComparison.Ordinal);
        Assert.Contains("大同市司法局", browser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.CityKey, browser.Driver.PageSource, StringComparison.Ordinal);
        var cookies = browser.Driver.Manage().Cookies.AllCookies;
        Assert.All(cookies, c => Assert.DoesNotContain(fixture.CityKey[..20], c.Value, StringComparison.Ordinal));
        var session = Assert.Single(cookies, c => c.Name == "oversight.console");
        Assert.True(session.IsHttpOnly);
        Assert.Equal("Strict", session.SameSite);
        Assert.Null(browser.Driver.ExecuteScript("return document.cookie.includes('oversight.console') ? 'readable' : null;"));

        browser.Driver.FindElement(By.CssSelector("header form button")).Click();
        browser.Go("/overview");
        Assert.Contains("/signin", browser.Driver.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void SignIn_WrongKey_RefusedWithAMessageAndNoSession()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey[..^6] + "AAAAAA");

        Assert.Contains("密钥无效", browser.Text, StringComparison.Ordinal);
        browser.Go("/findings");
        Assert.Contains("/signin", browser.Driver.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CityKey_OtherPlacesTypedIntoTheAddress_RefusedAndNothingOfThemShown()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);
        var pulanFinding = (await fixture.Compliance(fixture.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "5425" }))
            .Findings.First();

        foreach (var path in new[]
        {
            "/overview?scope=54&year=2025", "/findings?scope=5425", "/notice?scope=5425&year=2025", "/notice.xlsx?scope=5425&year=2025",
            "/overview?scope=&year=2025&scope=14", $"/reports/{fixture.PulanReportId}", $"/findings/{pulanFinding.FindingId}",
        })
        {
            browser.Go(path);
            Assert.True(browser.Heading == "无权访问", $"{path}: {browser.Heading}");
            Assert.DoesNotContain("普兰", browser.Text, StringComparison.Ordinal);
        }
        browser.Go("/overview?year=2025&scope=14");
        Assert.Contains("SCOPE_NOT_COVERED", browser.Text, StringComparison.Ordinal);
        browser.Go("/sweeps");
        Assert.Equal("无权访问", browser.Heading);
        Assert.Contains("ROLE_NOT_ALLOWED", browser.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waive_CityAdministratorOutsideItsScope_RefusedAndTheFindingStaysOpen()
    {
        var own = await OpenFindingAsync(Datong, "SHORTFALLS_WITHOUT_CAUSES", "SECTION_MISSING", "DOCUMENT_DATED_WITHIN_REPORT_YEAR");
        var pulan = (await fixture.Compliance(fixture.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "5425", Status = "open" }))
            .Findings.First();
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityAdminKey);
        browser.Go($"/findings/{own.FindingId}");

        // The form of a finding it may change, pointed (as a hostile page or an edited request would) at one outside its scope.
        var form = browser.Driver.FindElement(By.CssSelector("form.change"));
        browser.Driver.ExecuteScript("arguments[0].action = arguments[1];", form, $"/findings/{pulan.FindingId}/waive");
        browser.Driver.FindElement(By.Id("reason")).SendKeys("越权豁免尝试");
        form.Submit();

        Assert.Equal("无权访问", browser.Heading);
        Assert.Contains("SCOPE_NOT_COVERED", browser.Text, StringComparison.Ordinal);
        var after = await fixture.Compliance(fixture.AdminKey).GetFindingAsync(new GetFindingRequest { FindingId = pulan.FindingId });
        Assert.Equal(("open", 0), (after.Status, after.History.Count));
    }

    [Fact]
    public async Task Waive_WithAReason_FindingWaivedAndTheActionInTheAuditLog()
    {
        var finding = await OpenFindingAsync(Datong, "DOCUMENT_DATED_WITHIN_REPORT_YEAR", "SHORTFALLS_WITHOUT_CAUSES", "SECTION_MISSING");
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.AdminKey);
        browser.Go($"/findings/{finding.FindingId}");

        browser.Driver.FindElement(By.Id("reason")).SendKeys("县司法局已提交更正说明,经核实不属问题");
        browser.Driver.FindElement(By.CssSelector("form.change button")).Click();

        Assert.Contains("已豁免该问题", await browser.TextContainingAsync("已豁免该问题"), StringComparison.Ordinal);
        Assert.Equal("waived", (await fixture.Compliance(fixture.AdminKey).GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId })).Status);
        browser.Go("/audit?action=finding.waive");
        var row = browser.Driver.FindElements(By.CssSelector("main table tbody tr")).First(r => r.Text.Contains(finding.FindingId, StringComparison.Ordinal));
        Assert.Contains("县司法局已提交更正说明", row.Text, StringComparison.Ordinal);
        var audit = await fixture.Access(fixture.AdminKey).ListAuditAsync(new ListAuditRequest { Action = "finding.waive" });
        Assert.Contains(audit.Entries, e => e.Target == finding.FindingId && e.Outcome == "ok");
    }

    [Fact]
    public async Task NoticeExport_Xlsx_ReadsBackAsTheServicesList()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);
        browser.Go($"/notice?scope={Datong}&year=2025");
        foreach (var old in Directory.GetFiles(fixture.Downloads, "*.xlsx"))
        {
            File.Delete(old);
        }

        browser.Driver.FindElement(By.PartialLinkText("Excel")).Click();
        // Chromium writes a .crdownload first and renames it when the download is complete.
        var files = await Eventually.UntilAsync(() => Task.FromResult(Directory.GetFiles(fixture.Downloads, "*.xlsx")), f => f.Length > 0,
            TimeSpan.FromSeconds(30), "the downloaded .xlsx");
        var file = Assert.Single(files);

        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var missing = await AllFindingsAsync(fixture.CityKey, Datong, "NOT_DISCLOSED");
        var late = await AllFindingsAsync(fixture.CityKey, Datong, "DISCLOSURE_LATE");
        Assert.NotEmpty(missing);
        Assert.Equal(missing.Concat(late).Select(f => f.FindingId).Order(), rows.Select(r => (string)r["问题编号"]).Order());
        Assert.All(rows, r => Assert.StartsWith(Datong, (string)r["辖区代码"], StringComparison.Ordinal));
        var first = rows.First(r => (string)r["问题编号"] == missing[0].FindingId);
        Assert.Equal(("未公开报告", missing[0].JurisdictionName), ((string)first["类别"], (string)first["辖区名称"]));
    }

    [Fact]
    public void CopiedText_SideBySide_SharedPassagesOfBothReportsMarked()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);
        browser.Go($"/reuse?scope={Datong}&year=2025");

        browser.Driver.FindElement(By.LinkText("并排对照")).Click();

        var rows = browser.Driver.FindElements(By.CssSelector("table.side tbody tr"));
        Assert.True(rows.Count >= 5, $"{rows.Count} passages");
        foreach (var row in rows)
        {
            var marks = row.FindElements(By.TagName("mark"));
            Assert.Equal(2, marks.Count);
            Assert.All(marks, m => Assert.True(m.Text.Length >= 8, m.Text));
        }
        var headers = browser.Driver.FindElements(By.CssSelector("table.side thead a"));
        Assert.Equal(2, headers.Select(h => h.GetAttribute("href")).Distinct().Count());
        browser.Screenshot("copied-text");
    }

    [Fact]
    public void Keyboard_OnlyTabAndEnter_SkipLinkMenuAndVisibleFocus()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);
        browser.Go($"/overview?scope={Datong}&year=2025");

        browser.Press(Keys.Tab);
        var skip = browser.Active;
        Assert.Equal("跳到正文", skip.Text);
        Assert.NotEqual("none", browser.Style(skip, "outline-style"));
        browser.Press(Keys.Enter);
        Assert.Equal("main", browser.Active.GetAttribute("id"));

        browser.Go($"/overview?scope={Datong}&year=2025");
        browser.Press(Keys.Tab);
        browser.Press(Keys.Tab);
        Assert.Equal("总览", browser.Active.Text);
        browser.Press(Keys.Tab);
        var findings = browser.Active;
        Assert.Equal("问题清单", findings.Text);
        Assert.NotEqual("none", browser.Style(findings, "outline-style"));
        browser.Press(Keys.Enter);
        Assert.Contains("/findings", browser.Driver.Url, StringComparison.Ordinal);
        Assert.Equal("问题清单", browser.Heading);
    }

    [Fact]
    public async Task Report_EvidenceView_MarkedInTheTextAndPrintsWithoutTheMenu()
    {
        var withEvidence = (await AllFindingsAsync(fixture.AdminKey, Datong, "SHORTFALLS_WITHOUT_CAUSES")).FirstOrDefault(f => f.Evidence.Count > 0)
            ?? (await fixture.Compliance(fixture.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = Datong, PageSize = 500 }))
                .Findings.First(f => f.ReportId.Length > 0 && f.Evidence.Any(e => e.Span?.Length > 0));
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityKey);
        browser.Go($"/reports/{withEvidence.ReportId}");

        Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector(".evidence-view mark")));
        Assert.Contains("基本信息及来源", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("report");
        browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
        Assert.False(browser.Driver.FindElement(By.CssSelector("header.top")).Displayed);
        Assert.True(browser.Driver.FindElement(By.CssSelector(".evidence-view mark")).Displayed);
        browser.Screenshot("report-print");
    }

    private async Task<Dictionary<string, long>> ExpectedOverviewAsync(string key, string scope, int year)
    {
        var summary = await fixture.Compliance(key).SummarizeFindingsAsync(new SummarizeFindingsRequest { JurisdictionPrefix = scope, ReportYear = year });
        long received = 0;
        using (var call = fixture.Ingestion(key).StreamReports(new StreamReportsRequest
        {
            Filter = new ReportFilter { JurisdictionPrefix = scope, ReportYear = year }, KeysOnly = true,
        }))
        {
            await foreach (var report in call.ResponseStream.ReadAllAsync())
            {
                received += report.Current && report.Metadata.ReportType is "" or "rule_of_law" ? 1 : 0;
            }
        }
        long registry = 0;
        var request = new ListRegistryRequest { CodePrefix = scope, MustReportOnly = true, PageSize = 500 };
        do
        {
            var page = await fixture.Compliance(key).ListRegistryAsync(request);
            registry += page.Bodies.Count;
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        long Code(string code) => summary.ByCode.Where(c => c.Code == code).Sum(c => c.Count);
        long Severity(string severity) => summary.ByCode.Where(c => c.Severity == severity).Sum(c => c.Count);
        return new Dictionary<string, long>
        {
            ["expected"] = registry,
            ["received"] = received,
            ["on-time"] = received - Code("DISCLOSURE_LATE") - Code("DISCLOSURE_DATE_UNKNOWN"),
            ["late"] = Code("DISCLOSURE_LATE"),
            ["date-unknown"] = Code("DISCLOSURE_DATE_UNKNOWN"),
            ["not-disclosed"] = (await AllFindingsAsync(key, scope, "NOT_DISCLOSED")).Count,
            ["sev-error"] = Severity("error"),
            ["sev-warning"] = Severity("warning"),
            ["sev-info"] = Severity("info"),
        };
    }

    private async Task<List<Finding>> AllFindingsAsync(string key, string scope, string code)
    {
        var all = new List<Finding>();
        var request = new ListFindingsRequest
        {
            JurisdictionPrefix = scope, ReportYear = 2025, Code = code, Status = "open", ReportType = "rule_of_law", PageSize = 500,
        };
        do
        {
            var page = await fixture.Compliance(key).ListFindingsAsync(request);
            all.AddRange(page.Findings);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return all;
    }

    // An open finding of a report in scope, of the first of the codes that has one (each test takes a different one).
    private async Task<Finding> OpenFindingAsync(string scope, params string[] codes)
    {
        foreach (var code in codes)
        {
            var found = (await AllFindingsAsync(fixture.AdminKey, scope, code)).FirstOrDefault(f => f.ReportId.Length > 0);
            if (found is not null)
            {
                return found;
            }
        }
        throw new InvalidOperationException("no open finding of " + string.Join(", ", codes));
    }
}
