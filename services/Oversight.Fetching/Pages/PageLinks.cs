using AngleSharp.Html.Parser;
using Oversight.Analysis.Decoding;

namespace Oversight.Fetching.Pages;

/// <summary>A link on a page: its absolute address and the text a reader sees (or its title).</summary>
public sealed record PageLink(Uri Address, string Text);

/// <summary>
/// The links a fetched page holds, decoded as the reader decodes it (declared charset, meta charset, GBK/GB18030 or
/// UTF-8) and resolved against the page's address (or its &lt;base href&gt;). Only http and https links; each once.
/// </summary>
public static class PageLinks
{
    // What portals attach reports as: documents and scans. Spreadsheets and archives are not reports.
    private static readonly string[] AttachmentExtensions = [".pdf", ".doc", ".docx", ".wps", ".rtf", ".ofd", ".png", ".jpg", ".jpeg", ".tif", ".tiff"];

    public static IReadOnlyList<PageLink> Read(ReadOnlySpan<byte> content, string? contentType, Uri pageAddress)
    {
        var decoded = TextDecoder.Decode(content, contentType, null).Text;
        if (decoded is null)
        {
            return [];
        }
        var document = new HtmlParser().ParseDocument(decoded.Text);
        var baseAddress = document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageAddress, href, out var based)
            ? based
            : pageAddress;
        var links = new List<PageLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var target = anchor.GetAttribute("href")!.Trim();
            if (!Uri.TryCreate(baseAddress, target, out var address) || address.Scheme is not ("http" or "https"))
            {
                continue;
            }
            // The fragment names a place on the same page, not another resource.
            var withoutFragment = new UriBuilder(address) { Fragment = "" }.Uri;
            if (seen.Add(withoutFragment.AbsoluteUri))
            {
                // Lists cut long titles ("…2023年法治…") and keep the whole one in the title attribute: the longer one is it,
                // and so is the title when the text ends cut (a title one character over the cut is as long as the cut text).
                var text = Squeeze(anchor.TextContent);
                var title = Squeeze(anchor.GetAttribute("title") ?? "");
                var cut = text.EndsWith('…') || text.EndsWith("...", StringComparison.Ordinal);
                links.Add(new PageLink(withoutFragment, title.Length > text.Length || (cut && title.Length > 0) ? title : text));
            }
        }
        return links;
    }

    /// <summary>True for a link to a document or scan a report may be published as (PDF, Word, WPS, OFD, images).</summary>
    public static bool IsAttachment(Uri address)
    {
        var path = address.AbsolutePath;
        return AttachmentExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
