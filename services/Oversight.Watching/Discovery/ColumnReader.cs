using Oversight.Analysis;
using Oversight.Fetching.Outbound;
using Oversight.Fetching.Pages;
using Oversight.Watching.Passes;
using Oversight.Watching.Politeness;
using Oversight.Watching.Storage;

namespace Oversight.Watching.Discovery;

/// <summary>A portal column the registry lists for a body and report type.</summary>
public sealed record WatchedColumn(string BodyCode, string BodyName, string ReportType, Uri Address);

/// <summary>A report link found in a column: the article, the report type and year its title names.</summary>
public sealed record ReportLink(WatchedColumn Column, Uri Article, string Title, int Year);

/// <summary>
/// Reads a column's list pages (conditional GETs; a 304 gives back the links stored with the page) up to
/// <see cref="WatchingOptions.MaxListPages"/>, and picks the links whose titles name a report of the column's type and a
/// watched year (report-types.yaml's cues).
/// </summary>
public sealed class ColumnReader(PoliteFetcher fetcher, WatchStore store, WatchingOptions options, PassCounters counters, TimeProvider time)
{
    public async Task<IReadOnlyList<ReportLink>> ReadAsync(WatchedColumn column, IReadOnlySet<int> years, CancellationToken cancellationToken)
    {
        var queue = new Queue<Uri>([column.Address]);
        var seen = new HashSet<Uri>([column.Address]);
        var found = new Dictionary<Uri, ReportLink>();
        var pages = 0;
        while (queue.Count > 0 && pages < options.MaxListPages)
        {
            var page = queue.Dequeue();
            pages++;
            var (links, next) = await ReadPageAsync(column.Address, page, cancellationToken);
            foreach (var link in links)
            {
                if (ReportTypeCatalog.Loaded.ReportOfTitle(link.Text) is { } report && report.Type == column.ReportType && years.Contains(report.Year))
                {
                    found.TryAdd(link.Address, new ReportLink(column, link.Address, link.Text, report.Year));
                }
            }
            foreach (var further in next.Where(seen.Add))
            {
                queue.Enqueue(further);
            }
        }
        return [.. found.Values];
    }

    // Links and further pages of one list page: from the page when it changed, from the store when it answered 304.
    private async Task<(IReadOnlyList<PageLink> Links, IReadOnlyList<Uri> Next)> ReadPageAsync(Uri column, Uri page, CancellationToken cancellationToken)
    {
        var stored = await store.GetListAsync(page.AbsoluteUri, cancellationToken);
        var result = await fetcher.FetchAsync(new FetchRequest(page, stored?.Etag, stored?.LastModified), cancellationToken);
        switch (result.Verdict)
        {
            case FetchVerdict.NotModified when stored is not null:
                counters.ListPage();
                return Parse(stored.Links);
            case FetchVerdict.Fetched:
                counters.ListPage();
                var resource = result.Resource!;
                var links = PageLinks.Read(resource.Content, resource.ContentType, resource.FinalAddress);
                var next = Pagination.NextPages(column, resource.Content, resource.ContentType, links);
                await store.SaveListAsync(new ListRow(page.AbsoluteUri, resource.ETag, resource.LastModified, Format(links, next)), time.GetUtcNow(),
                    cancellationToken);
                return (links, next);
            default:
                return ([], []);
        }
    }

    // "link\ttitle\taddress" and "page\taddress" lines; titles never hold tabs or line breaks (PageLinks squeezes them).
    private static string Format(IReadOnlyList<PageLink> links, IReadOnlyList<Uri> next) =>
        string.Join('\n', links.Select(l => $"link\t{l.Text.Replace('\t', ' ')}\t{l.Address.AbsoluteUri}").Concat(next.Select(n => $"page\t{n.AbsoluteUri}")));

    private static (IReadOnlyList<PageLink>, IReadOnlyList<Uri>) Parse(string stored)
    {
        var links = new List<PageLink>();
        var next = new List<Uri>();
        foreach (var fields in stored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')))
        {
            if (fields is ["link", var text, var address])
            {
                links.Add(new PageLink(new Uri(address), text));
            }
            else if (fields is ["page", var page])
            {
                next.Add(new Uri(page));
            }
        }
        return (links, next);
    }
}
