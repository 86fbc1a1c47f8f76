using Oversight.Vocabulary;

namespace Oversight.WebConsole.Session;

/// <summary>
/// Who is signed in: the key as the services answered GetCaller for it. The key itself stays in the server-side
/// session (never in a page, a URL or a cookie the page can read); the browser holds only the session's id.
/// </summary>
public sealed record ConsoleUser(string KeyId, string Name, string Role, string Scope)
{
    public bool IsAdmin => Role == RoleNames.ProvinceAdmin;

    public bool ReadsFindings => Role is RoleNames.CityOffice or RoleNames.ProvinceAdmin or RoleNames.Sweeper;

    /// <summary>Reads sweeps and the registry, and starts sweeps (RunSweep is the same roles').</summary>
    public bool ReadsSweeps => Role is RoleNames.ProvinceAdmin or RoleNames.Sweeper;

    public bool ReadsAudit => Role is RoleNames.ProvinceAdmin or RoleNames.Auditor;

    /// <summary>A scope requested in the address lies inside this key's scope.</summary>
    public bool Covers(string prefix) => prefix.StartsWith(Scope, StringComparison.Ordinal);

    /// <summary>The user of this request's session (<see cref="ConsoleSessions"/> read it when the request came in), or null.</summary>
    public static ConsoleUser? Of(HttpContext context) => ConsoleSessions.Current(context)?.User;

    /// <summary>The key the services are called with for this request, or null when no one is signed in.</summary>
    public static string? KeyOf(HttpContext? context) => context is null ? null : ConsoleSessions.Current(context)?.Key;
}
