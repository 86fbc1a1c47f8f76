namespace Oversight.Testing;

/// <summary>
/// A portal's notice for 普兰县's 2025 report: the title, its publication date and one line that links the report as an
/// attachment (the notice is not the report). The attachment tests submit it or serve it by address.
/// </summary>
public static class PortalNotices
{
    public const string Title = "普兰县2025年法治政府建设年度报告";

    /// <summary>The notice linking <paramref name="href"/>, the link's text ending in <paramref name="linkTextEnding"/> (".docx").</summary>
    public static string Pulan(string href, string linkTextEnding) => $"""
        <html><head><meta charset="utf-8"><title>{Title}</title></head><body><div class="article">
        <h1>{Title}</h1><p>发布日期:2026-01-12</p>
        <p>附件:<a href="{href}">{Title}{linkTextEnding}</a></p></div></body></html>
        """;
}
