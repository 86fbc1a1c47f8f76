using System.Text.RegularExpressions;
using Oversight.Analysis.Decoding;
using Oversight.Fetching.Pages;

namespace Oversight.Watching.Discovery;

/// <summary>
/// The further pages of a column's list, as portals write them: TRS's pager script createPageHTML(count, current,
/// "index", "html") for index_1.html … index_{count-1}.html; links to index_N.html beside the first page (gkmlpt and
/// many others); and links to the same page with pageNum=N (Hanweb). Only pages of the same column.
/// </summary>
public static partial class Pagination
{
    public static IReadOnlyList<Uri> NextPages(Uri column, ReadOnlySpan<byte> content, string? contentType, IReadOnlyList<PageLink> links)
    {
        var directory = new Uri(column, "./");
        var pages = new List<Uri>();
        if (TextDecoder.Decode(content, contentType, null).Text is { } decoded && TrsPager().Match(decoded.Text) is { Success: true } script)
        {
            var count = int.Parse(script.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var (name, extension) = (script.Groups[3].Value, script.Groups[4].Value);
            pages.AddRange(Enumerable.Range(1, Math.Max(0, Math.Min(count, 1000) - 1)).Select(n => new Uri(directory, $"{name}_{n}.{extension}")));
        }
        foreach (var link in links)
        {
            var address = link.Address;
            var sameDirectory = new Uri(address, "./") == directory;
            if ((sameDirectory && IndexPage().IsMatch(address.Segments[^1]) && address.Query.Length == 0)
                || (address.AbsolutePath == column.AbsolutePath && PageNumber().IsMatch(address.Query)))
            {
                pages.Add(address);
            }
        }
        return [.. pages.Where(p => p != column).Distinct()];
    }

    [GeneratedRegex(@"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[""']([\w-]+)[""']\s*,\s*[""'](\w+)[""']")]
    private static partial Regex TrsPager();

    [GeneratedRegex(@"^index(_\d+)?\.s?html?$", RegexOptions.IgnoreCase)]
    private static partial Regex IndexPage();

    [GeneratedRegex(@"[?&](pageNum|page|pageIndex)=\d+", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}
