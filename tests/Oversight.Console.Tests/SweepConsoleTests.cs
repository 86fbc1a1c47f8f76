using System.Net;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>
/// Starting a sweep from the console: in the browser by a 大同市 administrator (its run, its audit entry, its results), and
/// by hand-made requests that must not start one (a city office's key, a scope outside the key's, no antiforgery token).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SweepConsoleTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task StartSweep_AdministratorFillsTheForm_RunAuditedUnderItsKeyAndItsResultsShown()
    {
        using var browser = Browser.Open(fixture.Console, fixture.Downloads);
        browser.SignIn(fixture.CityAdminKey);
        browser.Go("/sweeps");
        browser.Screenshot("sweeps");

        var scope = browser.Driver.FindElement(By.CssSelector("form.start input[name=scope]"));
        scope.Clear();
        scope.SendKeys("140225");
        var year = browser.Driver.FindElement(By.CssSelector("form.start input[name=year]"));
        year.Clear();
        year.SendKeys("2025");
        browser.Driver.FindElement(By.CssSelector("form.start input[name=asof]")).SendKeys("2026-04-02");
        browser.Driver.FindElement(By.CssSelector("form.start button")).SendKeys(Keys.Enter);

        var page = await browser.TextContainingAsync("已完成");
        var sweepId = SweepPath().Match(browser.Driver.Url).Groups[1].Value;
        Assert.NotEmpty(sweepId);
        var sweep = await fixture.Compliance(fixture.AdminKey).GetSweepAsync(new GetSweepRequest { SweepId = sweepId });
        Assert.Equal(("completed", "140225", 2025, "console"), (sweep.Status, sweep.ScopePrefix, sweep.ReportYear, sweep.Trigger));
        Assert.Contains("浑源县", browser.Heading, StringComparison.Ordinal);
        var checkedCard = browser.Driver.FindElements(By.CssSelector("dl.cards .card dd"))[0].Text;
        Assert.Equal(sweep.Summary.ReportsChecked.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), checkedCard);
        Assert.Contains("判定日", page, StringComparison.Ordinal);
        browser.Screenshot("sweep");

        var caller = await fixture.Access(fixture.CityAdminKey).GetCallerAsync(new GetCallerRequest());
        var audit = await fixture.Access(fixture.AdminKey).ListAuditAsync(new ListAuditRequest { Action = "sweep.run" });
        Assert.Contains(audit.Entries, e => e.Target == sweepId && e.Caller.Contains(caller.KeyId, StringComparison.Ordinal) && e.Outcome == "ok");
    }

    [Fact]
    public async Task StartSweep_CityOfficeKey_RefusedByComplianceAndNoSweepStarted()
    {
        using var http = ConsoleHttp.Client(fixture.Console);
        await ConsoleHttp.SignInAsync(http, fixture.CityKey);
        var before = await SweepCountAsync();

        using var response = await PostStartAsync(http, "1402");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ROLE_NOT_ALLOWED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SweepCountAsync());
    }

    [Fact]
    public async Task StartSweep_ScopeOutsideTheKeys_RefusedAndNoSweepStarted()
    {
        using var http = ConsoleHttp.Client(fixture.Console);
        await ConsoleHttp.SignInAsync(http, fixture.CityAdminKey);
        var before = await SweepCountAsync();

        using var response = await PostStartAsync(http, "5425");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SCOPE_NOT_COVERED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SweepCountAsync());
    }

    [Fact]
    public async Task StartSweep_NoAntiforgeryToken_RefusedAndNoSweepStarted()
    {
        using var http = ConsoleHttp.Client(fixture.Console);
        await ConsoleHttp.SignInAsync(http, fixture.CityAdminKey);
        var before = await SweepCountAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["scope"] = "1402", ["year"] = "2025" });

        using var response = await http.PostAsync(new Uri("/sweeps", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await SweepCountAsync());
    }

    [Theory]
    [InlineData("1999", "")]
    [InlineData("2025", "2026-02-30")]
    public async Task StartSweep_BadYearOrDate_BadRequestSayingWhatToFix(string year, string asOf)
    {
        using var http = ConsoleHttp.Client(fixture.Console);
        await ConsoleHttp.SignInAsync(http, fixture.CityAdminKey);
        var before = await SweepCountAsync();

        using var response = await PostStartAsync(http, "1402", year, asOf);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("year 或 asof 无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SweepCountAsync());
    }

    private static async Task<HttpResponseMessage> PostStartAsync(HttpClient http, string scope, string year = "2025", string asOf = "2026-04-02")
    {
        var page = await http.GetStringAsync(new Uri("/overview", UriKind.Relative));
        var fields = new Dictionary<string, string> { ["__af"] = ConsoleHttp.Token(page), ["scope"] = scope, ["year"] = year, ["asof"] = asOf };
        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri("/sweeps", UriKind.Relative), content);
    }

    private async Task<int> SweepCountAsync() =>
        (await fixture.Compliance(fixture.AdminKey).ListSweepsAsync(new ListSweepsRequest { PageSize = 500 })).Sweeps.Count;

    [GeneratedRegex("/sweeps/([A-Za-z0-9_]+)$")]
    private static partial Regex SweepPath();
}
