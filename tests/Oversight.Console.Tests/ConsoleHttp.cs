using System.Net;
using System.Text.RegularExpressions;

namespace Oversight.Console.Tests;

/// <summary>The console reached by a plain HTTP client, as a script or a hostile page would: its own cookies, redirects not followed.</summary>
public static partial class ConsoleHttp
{
    public const string SessionCookie = "oversight.console";

    public static HttpClient Client(Uri console, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = console };

    /// <summary>Signs in as the form does (its antiforgery token included) and checks that the console accepted the key.</summary>
    public static async Task SignInAsync(HttpClient http, string key)
    {
        var form = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = Token(form), ["key"] = key });
        using var response = await http.PostAsync(new Uri("/signin", UriKind.Relative), content);
        Xunit.Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static string Token(string page) => WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
