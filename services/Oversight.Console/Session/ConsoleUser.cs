namespace Oversight.WebConsole.Session;

/// <summary>
/// Who is signed in: the key as the services answered GetCaller for it. The key itself stays in the server-side
/// session (never in a page, a URL or a cookie the page can read); the browser holds only the session cookie.
/// </summary>
public sealed record ConsoleUser(string KeyId, string Name, string Role, string Scope)
{
    private const string KeyEntry = "console.key";
    private const string IdEntry = "console.keyId";
    private const string NameEntry = "console.name";
    private const string RoleEntry = "console.role";
    private const string ScopeEntry = "console.scope";

    public bool IsAdmin => Role == "province_admin";

    public bool ReadsFindings => Role is "city_office" or "province_admin" or "sweeper";

    public bool ReadsSweeps => Role is "province_admin" or "sweeper";

    public bool ReadsAudit => Role is "province_admin" or "auditor";

    /// <summary>A scope requested in the address lies inside this key's scope.</summary>
    public bool Covers(string prefix) => prefix.StartsWith(Scope, StringComparison.Ordinal);

    public static ConsoleUser? Of(HttpContext context)
    {
        var session = context.Session;
        return session.GetString(KeyEntry) is { Length: > 0 } && session.GetString(IdEntry) is { } id
            ? new ConsoleUser(id, session.GetString(NameEntry) ?? "", session.GetString(RoleEntry) ?? "", session.GetString(ScopeEntry) ?? "")
            : null;
    }

    /// <summary>The key the services are called with for this request, or null when no one is signed in.</summary>
    public static string? KeyOf(HttpContext? context) => context?.Session.GetString(KeyEntry);

    public void Store(HttpContext context, string key)
    {
        var session = context.Session;
        session.Clear();
        session.SetString(KeyEntry, key);
        session.SetString(IdEntry, KeyId);
        session.SetString(NameEntry, Name);
        session.SetString(RoleEntry, Role);
        session.SetString(ScopeEntry, Scope);
    }

    public static void SignOut(HttpContext context) => context.Session.Clear();
}
