namespace Oversight.Testing;

/// <summary>
/// A portal's notice for a report: the title, its publication date and one line that links the report as an attachment
/// (the notice is not the report). The attachment and address tests submit it or serve it.
/// </summary>
public static class PortalNotices
{
    /// <summary>
    /// The notice titled <paramref name="title"/> linking <paramref name="href"/>; the link's text is the title and
    /// <paramref name="linkTextEnding"/> (".docx").
    /// </summary>
    public static string Linking(string title, string href, string linkTextEnding) => $"""
        <html><head><meta charset="utf-8"><title>{title}</title></head><body><div class="article">
        <h1>{title}</h1><p>发布日期:2026-01-12</p>
        <p>附件:<a href="{href}">{title}{linkTextEnding}</a></p></div></body></html>
        """;

    /// <summary>The notice for 普兰县's 2025 report.</summary>
    public static string Pulan(string href, string linkTextEnding) => Linking("普兰县2025年法治政府建设年度报告", href, linkTextEnding);
}
