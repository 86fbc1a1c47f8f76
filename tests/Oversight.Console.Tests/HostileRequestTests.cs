using System.Net;
using Microsoft.AspNetCore.Builder;
using Oversight.Contracts.Compliance.V1;
using Oversight.Platform;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>
/// The console's routes as a hostile or careless client reaches them over plain HTTP: no antiforgery token, no session,
/// a return address elsewhere, an empty reason, a bad year; and the switches of the host.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class HostileRequestTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task SignIn_NoAntiforgeryToken_RefusedAndNotSignedIn()
    {
        using var http = Client();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = fixture.AdminKey });

        using var response = await http.PostAsync(new Uri("/signin", UriKind.Relative), content);
        using var after = await http.GetAsync(new Uri("/overview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/signin", LocationPath(after));
    }

    [Fact]
    public async Task Waive_SignedInButNoAntiforgeryToken_RefusedAndTheFindingStaysOpen()
    {
        using var http = Client();
        await SignInAsync(http, fixture.AdminKey);
        var finding = (await fixture.Compliance(fixture.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "5425", Status = "open" }))
            .Findings.First();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "跨站提交" });

        using var response = await http.PostAsync(new Uri($"/findings/{finding.FindingId}/waive", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("open", (await fixture.Compliance(fixture.AdminKey).GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId })).Status);
    }

    [Fact]
    public async Task Waive_EmptyReason_RefusedWithWhatToFix()
    {
        using var http = Client();
        await SignInAsync(http, fixture.AdminKey);
        var finding = (await fixture.Compliance(fixture.AdminKey).ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "5425", Status = "open" }))
            .Findings.First();
        var page = await http.GetStringAsync(new Uri($"/findings/{finding.FindingId}", UriKind.Relative));
        var fields = new Dictionary<string, string> { ["__af"] = Token(page), ["reason"] = "   " };
        using var content = new FormUrlEncodedContent(fields);

        using var response = await http.PostAsync(new Uri($"/findings/{finding.FindingId}/waive", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请填写理由", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("open", (await fixture.Compliance(fixture.AdminKey).GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId })).Status);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_ReturnAddressElsewhere_StaysOnTheConsole(string returnUrl)
    {
        using var http = Client();
        var form = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var fields = new Dictionary<string, string> { ["__af"] = Token(form), ["key"] = fixture.CityKey, ["returnUrl"] = returnUrl };
        using var content = new FormUrlEncodedContent(fields);

        using var response = await http.PostAsync(new Uri("/signin", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/overview", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/overview")]
    [InlineData("/findings.xlsx")]
    [InlineData("/notice.csv")]
    [InlineData("/audit")]
    public async Task Page_NotSignedIn_SentToSignInWithNoData(string path)
    {
        using var http = Client();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", LocationPath(response));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Page_Any_NoScriptNoFramingNothingFromElsewhere()
    {
        using var http = Client();

        using var response = await http.GetAsync(new Uri("/signin", UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        Assert.DoesNotContain("<script", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/overview?year=1999", "year")]
    [InlineData("/overview?scope=14x", "scope")]
    [InlineData("/findings?type=annual", "type")]
    public async Task Page_BadQuery_BadRequestNamingTheField(string path, string field)
    {
        using var http = Client();
        await SignInAsync(http, fixture.CityKey);

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field + " ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_Export_Utf8WithBomAndFormulasNeutralised()
    {
        using var http = Client();
        await SignInAsync(http, fixture.CityKey);

        var bytes = await http.GetByteArrayAsync(new Uri("/notice.csv?scope=1402&year=2025", UriKind.Relative));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("类别,辖区代码,辖区名称", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 100, $"{lines.Length} lines");
        Assert.All(lines, l => Assert.DoesNotMatch("(^|,)[=+@]", l));
    }

    [Fact]
    public async Task StartAsync_ConsoleDisabled_PlatformServesNoConsole()
    {
        await using var data = TempFolder.Create("oversight-console-off-");
        await using var platform = await PlatformHost.StartAsync(
        [
            "--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", "--Console:Enabled=false",
            $"--Platform:DataDirectory={data.Path}", "--Platform:Samples=" + data.Path,
        ]);

        Assert.Null(platform.ConsoleAddress);
        Assert.NotNull(fixture.Platform.ConsoleAddress);
    }

    [Fact]
    public void AddOfficeConsole_NetworkAddressWithoutCertificate_RefusesToStart()
    {
        var builder = WebApplication.CreateSlimBuilder(["--Console:Endpoint:Address=0.0.0.0"]);

        var ex = Assert.Throws<StartupRefusedException>(() => WebConsole.Extensions.AddOfficeConsole(builder));

        Assert.Contains("Console:Endpoint:CertificatePath", ex.Message, StringComparison.Ordinal);
    }

    private HttpClient Client() => ConsoleHttp.Client(fixture.Console);

    private static Task SignInAsync(HttpClient http, string key) => ConsoleHttp.SignInAsync(http, key);

    private static string Token(string page) => ConsoleHttp.Token(page);

    // The redirect's path without its query (the console answers with relative locations).
    private static string? LocationPath(HttpResponseMessage response) => response.Headers.Location?.OriginalString.Split('?')[0];
}
