namespace Oversight.Analysis.Metadata;

/// <summary>
/// One place a page names the body it is about: where (<see cref="JurisdictionSignalSources"/>), the organisation as
/// written, the division name read from it, whether it is a department of that division, and the divisions it fits.
/// </summary>
public sealed record JurisdictionSignal(string Source, string Organization, string Name, bool Department, IReadOnlyList<string> Codes)
{
    /// <summary>The report's own words (title, issuers, opening, signature) outrank the page's header fields.</summary>
    public bool IsStrong => JurisdictionSignalSources.Strong.Contains(Source);
}

/// <summary>Where a jurisdiction signal was read, strongest first.</summary>
public static class JurisdictionSignalSources
{
    /// <summary>The bodies stacked above the title or named before its 关于 ("中共X县委 X县人民政府关于…").</summary>
    public const string TitleIssuer = "title_issuer";

    /// <summary>The name the title reports on ("大同市云冈区2025年…", "关于X县…", "2024年X乡法治政府建设…").</summary>
    public const string Title = "title";

    /// <summary>The signature block (落款).</summary>
    public const string Signature = "signature";

    /// <summary>The first sentence of the text ("2024年,X区坚持…").</summary>
    public const string Opening = "opening";

    /// <summary>我县, 全区, 本局 …: says what kind of body writes, never which one.</summary>
    public const string SelfReference = "self_reference";

    /// <summary>
    /// A place the page names besides its body (a plan's name, an address, the site's name, 市委 leading it) that settled
    /// a body the report's own words left open; kept only when it did.
    /// </summary>
    public const string Context = "context";

    /// <summary>A header field, as "header:" and its canonical name (header:来源, header:发布机构).</summary>
    public static string Header(string field) => "header:" + field;

    public static IReadOnlyList<string> Strong { get; } = [TitleIssuer, Title, Signature, Opening];
}
