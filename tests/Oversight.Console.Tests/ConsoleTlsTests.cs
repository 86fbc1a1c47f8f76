using System.Net;
using Oversight.Platform;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>
/// The console of a platform whose three hosts serve TLS with certificates of a private authority, trusted through
/// Access:ServerCertificateAuthorityPath: the console's calls (sign-in, the pages, a sweep it follows) trust that
/// authority as every other host's calls do.
/// </summary>
public sealed class ConsoleTlsTests
{
    [Fact]
    public async Task Console_ServicesOnTlsWithPrivateAuthority_SignsInLoadsPagesAndStartsASweep()
    {
        using var certificates = TestCertificates.Create();
        await using var data = TempFolder.Create("oversight-console-tls-");
        await using var platform = await PlatformHost.StartAsync(
        [
            "--Ingestion:Endpoint:Port=0", "--Metrics:Endpoint:Port=0", "--Compliance:Endpoint:Port=0", "--Console:Endpoint:Port=0",
            .. new[] { "Ingestion", "Metrics", "Compliance" }.Select(s => $"--{s}:Endpoint:CertificatePath={certificates.ServerPfx}"),
            $"--Access:ServerCertificateAuthorityPath={certificates.AuthorityPem}",
            $"--Platform:DataDirectory={data.Path}", "--Platform:Samples=none",
        ]);
        using var http = ConsoleHttp.Client(platform.ConsoleAddress!);

        await ConsoleHttp.SignInAsync(http, File.ReadAllText(platform.AdminKeyFile).Trim());
        using var registry = await http.GetAsync(new Uri("/registry?scope=140225", UriKind.Relative));
        using var overview = await http.GetAsync(new Uri("/overview?scope=1402", UriKind.Relative));
        using var reports = await http.GetAsync(new Uri("/reports", UriKind.Relative));
        var token = ConsoleHttp.Token(await overview.Content.ReadAsStringAsync());
        using var sweep = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = token, ["scope"] = "140225", ["year"] = "2025", ["asof"] = "2026-04-02",
        });
        using var started = await http.PostAsync(new Uri("/sweeps", UriKind.Relative), sweep);

        Assert.All(platform.Addresses.Values, a => Assert.Equal("https", a.Scheme));
        Assert.Equal(HttpStatusCode.OK, registry.StatusCode);
        Assert.Contains("浑源县", await registry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.StartsWith("/sweeps/", started.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var page = await http.GetAsync(started.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
