using System.Net;

namespace Oversight.Console.Tests;

/// <summary>
/// The session id the browser holds: a new one at every sign-in (one planted before, or the one of an earlier sign-in,
/// never carries the key), and forgotten on the server at sign-out (a copy of it signs no one in).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SessionTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task SignIn_SessionIdPlantedBefore_NewIdIssuedAndThePlantedOneSignsNoOneIn()
    {
        var planted = new string('A', 43);
        var cookies = new CookieContainer();
        cookies.Add(fixture.Console, new Cookie(ConsoleHttp.SessionCookie, planted));
        using var victim = ConsoleHttp.Client(fixture.Console, cookies);

        await ConsoleHttp.SignInAsync(victim, fixture.CityKey);

        var issued = SessionId(cookies);
        Assert.NotEqual(planted, issued);
        Assert.Equal(43, issued.Length);
        Assert.Equal(HttpStatusCode.OK, await OverviewStatusAsync(issued));
        Assert.Equal(HttpStatusCode.Redirect, await OverviewStatusAsync(planted));
    }

    [Fact]
    public async Task SignIn_Again_NewIdAndTheEarlierOneNoLongerValid()
    {
        var cookies = new CookieContainer();
        using var http = ConsoleHttp.Client(fixture.Console, cookies);
        await ConsoleHttp.SignInAsync(http, fixture.CityKey);
        var first = SessionId(cookies);

        await ConsoleHttp.SignInAsync(http, fixture.CityAdminKey);

        var second = SessionId(cookies);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Redirect, await OverviewStatusAsync(first));
        Assert.Equal(HttpStatusCode.OK, await OverviewStatusAsync(second));
    }

    [Fact]
    public async Task SignOut_SessionIdForgottenOnTheServerAndTheCookieCleared()
    {
        var cookies = new CookieContainer();
        using var http = ConsoleHttp.Client(fixture.Console, cookies);
        await ConsoleHttp.SignInAsync(http, fixture.CityKey);
        var id = SessionId(cookies);
        var page = await http.GetStringAsync(new Uri("/overview", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = ConsoleHttp.Token(page) });

        using var response = await http.PostAsync(new Uri("/signout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(cookies.GetCookies(fixture.Console), c => c.Name == ConsoleHttp.SessionCookie && !c.Expired && c.Value.Length > 0);
        Assert.Equal(HttpStatusCode.Redirect, await OverviewStatusAsync(id));
    }

    // The overview asked for with only this session id: 200 when it is a signed-in session, a redirect to sign-in when not.
    private async Task<HttpStatusCode> OverviewStatusAsync(string sessionId)
    {
        var cookies = new CookieContainer();
        cookies.Add(fixture.Console, new Cookie(ConsoleHttp.SessionCookie, sessionId));
        using var http = ConsoleHttp.Client(fixture.Console, cookies);
        using var response = await http.GetAsync(new Uri("/overview?scope=1402&year=2025", UriKind.Relative));
        return response.StatusCode;
    }

    private string SessionId(CookieContainer cookies) =>
        cookies.GetCookies(fixture.Console).Single(c => c.Name == ConsoleHttp.SessionCookie).Value;
}
