using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Oversight.WebConsole.Session;

/// <summary>
/// Signed-in sessions, kept on the server (the distributed cache) under a random id that is the browser's only cookie.
/// A sign-in always issues a new id and forgets the one the browser came with, so an id planted in a browser before
/// sign-in (session fixation) or seen before it never carries a signed-in key; a sign-out forgets the id on the server
/// and clears the cookie, so a copy of it is worthless. A session lasts Console:SessionIdleTimeout without a request.
/// </summary>
public sealed class ConsoleSessions(IDistributedCache cache, IOptions<ConsoleOptions> options)
{
    public const string CookieName = "oversight.console";

    private const string ItemKey = "oversight.console.session";

    /// <summary>This request's session, read by <see cref="LoadAsync"/> when it came in.</summary>
    public static SessionEntry? Current(HttpContext context) => context.Items.TryGetValue(ItemKey, out var entry) ? entry as SessionEntry : null;

    /// <summary>Reads the session the cookie names (touching it, so its idle time starts again); nothing when there is none.</summary>
    public async Task LoadAsync(HttpContext context)
    {
        if (IdOf(context) is { } id && await cache.GetAsync(Entry(id), context.RequestAborted) is { } bytes
            && JsonSerializer.Deserialize(bytes, SessionJson.Default.SessionEntry) is { } entry)
        {
            context.Items[ItemKey] = entry;
        }
    }

    /// <summary>Signs in: the browser's old session forgotten, the entry stored under a new id, the cookie set to it.</summary>
    public async Task StartAsync(HttpContext context, SessionEntry entry)
    {
        if (IdOf(context) is { } old)
        {
            await cache.RemoveAsync(Entry(old), context.RequestAborted);
        }
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        await cache.SetAsync(Entry(id), JsonSerializer.SerializeToUtf8Bytes(entry, SessionJson.Default.SessionEntry),
            new DistributedCacheEntryOptions { SlidingExpiration = options.Value.SessionIdleTimeout }, context.RequestAborted);
        context.Response.Cookies.Append(CookieName, id, Cookie(context));
        context.Items[ItemKey] = entry;
    }

    /// <summary>Signs out (or ends a session whose key the services no longer accept): forgotten on the server, the cookie cleared.</summary>
    public async Task EndAsync(HttpContext context)
    {
        if (IdOf(context) is { } id)
        {
            await cache.RemoveAsync(Entry(id), CancellationToken.None);
        }
        context.Response.Cookies.Delete(CookieName, Cookie(context));
        context.Items.Remove(ItemKey);
    }

    // No script can read it, no other site's page can send it, and over HTTPS it is never sent in the clear.
    private static CookieOptions Cookie(HttpContext context) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true, Path = "/",
    };

    // Only a value this console could have issued is looked up (43 base64url characters).
    private static string? IdOf(HttpContext context) =>
        context.Request.Cookies[CookieName] is { Length: 43 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : null;

    private static string Entry(string id) => "console.session:" + id;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
