using System.Text;
using Grpc.Core;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.PortalSimulator;

namespace Oversight.Watching.Tests;

/// <summary>
/// Ten bodies of 大同市, each with a portal on the simulator (TRS, Hanweb and gkmlpt layouts, UTF-8 and GBK, paginated lists,
/// a report behind a redirect, one only as an attachment, a slow article, a list that answers 503 once, a host that always
/// fails, a report of another year, a report title on a path robots.txt forbids), the registry listing their columns, and
/// two watch passes followed by a sweep.
/// </summary>
public sealed class WatchEndToEndTests : IAsyncLifetime
{
    private const double Rate = 10;
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4 simulated report attachment");

    private static readonly PortalPlan[] Plans =
    [
        Plan("140212", "新荣区", PortalLayout.Trs, "utf-8", 25, Report(2025)),
        Plan("140213", "平城区", PortalLayout.Hanweb, "gbk", 15, Report(2025)),
        Plan("140214", "云冈区", PortalLayout.Gkmlpt, "utf-8", 12, Report(2025) with { AttachmentExtension = ".pdf", AttachmentBytes = Pdf }),
        Plan("140215", "云州区", PortalLayout.Trs, "gbk", 14),
        Plan("140221", "阳高县", PortalLayout.Hanweb, "utf-8", 8, Report(2025)),
        Plan("140222", "天镇县", PortalLayout.Gkmlpt, "gbk", 22),
        Plan("140223", "广灵县", PortalLayout.Trs, "utf-8", 9, Report(2025, showDate: false)),
        Plan("140224", "灵丘县", PortalLayout.Hanweb, "gbk", 6, Report(2025)),
        Plan("140225", "浑源县", PortalLayout.Gkmlpt, "utf-8", 10, Report(2024)),
        Plan("140226", "左云县", PortalLayout.Trs, "gbk", 31, Report(2025)),
    ];

    // Published and reachable: every 2025 report but 灵丘县's, whose host always fails.
    private static readonly string[] Reporting = ["140212", "140213", "140214", "140221", "140223", "140226"];

    private PortalSimulator.PortalSimulator _simulator = null!;
    private IReadOnlyList<PublishedPortal> _portals = null!;
    private WatchStack _stack = null!;

    private static PlannedReport Report(int year, bool showDate = true) => new(year, "rule_of_law", new DateOnly(year + 1, 3, 20), showDate);

    private static PortalPlan Plan(string code, string name, PortalLayout layout, string charset, int others, params PlannedReport[] reports) =>
        new(new SimulatedBody(code, name), layout, charset, reports, others);

    public async Task InitializeAsync()
    {
        _simulator = await PortalSimulator.PortalSimulator.StartAsync(Plans.Length);
        _portals = SimulatedPortals.Publish(_simulator, Plans);
        Portal("140213").Host.Find(Portal("140213").Reports[0].Article.PathAndQuery, "")!.Delay = TimeSpan.FromMilliseconds(300);
        Portal("140221").Host.Find(Portal("140221").ColumnAddress.PathAndQuery, "")!.FailFirst = 1;
        Portal("140221").Host.Find(Portal("140221").ColumnAddress.PathAndQuery, "")!.RetryAfter = TimeSpan.FromSeconds(1);
        Portal("140224").Host.Find(Portal("140224").ColumnAddress.PathAndQuery, "")!.FailFirst = int.MaxValue;
        // 广灵县's article moved; the list still links the old address, which redirects.
        var moved = Portal("140223");
        var article = moved.Reports[0].Article.PathAndQuery;
        moved.Host.Put("/moved" + article, moved.Host.Find(article, "")!).Put(article, SimulatedResource.Redirect("/moved" + article));
        _stack = await WatchStack.StartAsync(new Dictionary<string, string?>
        {
            ["Watching:Years:0"] = "2025",
            ["Watching:RequestsPerSecondPerHost"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Watching:Backoff"] = "00:00:00.050",
            ["Watching:FailuresBeforeSkip"] = "3",
            ["Outbound:UserAgent"] = "OversightBot/1.0 (+tests)",
        });
        var csv = new StringBuilder("code,name,level,parent_code,kind,must_report,portal_columns\n");
        foreach (var portal in _portals)
        {
            csv.Append($"{portal.Body.Code},{portal.Body.Name},county,140200,government,true,rule_of_law={portal.ColumnAddress.AbsoluteUri}\n");
        }
        await _stack.ImportRegistryAsync(csv.ToString());
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private PublishedPortal Portal(string code) => _portals.Single(p => p.Body.Code == code);

    private async Task<List<ReportSummary>> ReportsAsync() =>
        [.. (await _stack.Ingestion.ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = "1402" },
            PageSize = 500 })).Reports];

    [Fact]
    public async Task RunWatch_TwoPassesAndASweep_EveryReportFoundOncePolitelyAndTheRestFlagged()
    {
        var first = await _stack.Watching.RunWatchAsync(new RunWatchRequest { CodePrefix = "1402" });
        var afterFirst = await ReportsAsync();
        var requestsBefore = _simulator.Hosts.Select(h => h.Requests.Count).ToArray();
        var second = await _stack.Watching.RunWatchAsync(new RunWatchRequest { CodePrefix = "1402" });
        var afterSecond = await ReportsAsync();
        var status = await _stack.Watching.GetWatchStatusAsync(new GetWatchStatusRequest());

        // Every reachable report found and submitted once, with the body's code, from the article's final address.
        Assert.Equal(("completed", Reporting.Length, Reporting.Length), (first.Status, first.Submitted, first.ReportsFound));
        Assert.Equal(Reporting, afterFirst.Select(r => r.Metadata.JurisdictionCode).Order());
        foreach (var report in afterFirst)
        {
            var published = Portal(report.Metadata.JurisdictionCode).Reports.Single();
            var expected = report.Metadata.JurisdictionCode == "140223" ? new Uri(published.Article,
                "/moved" + published.Article.PathAndQuery) : published.Article;
            Assert.Equal(expected.AbsoluteUri, report.Metadata.Fetch.FinalUrl);
            Assert.Equal(published.Article.AbsoluteUri, report.Metadata.Fetch.RequestedUrl);
            Assert.NotNull(report.Metadata.Fetch.FirstSeenAt);
            Assert.Equal(2025, report.Metadata.ReportYear);
        }
        var withAttachment = await _stack.Ingestion.GetReportAsync(
            new GetReportRequest { ReportId = afterFirst.Single(r => r.Metadata.JurisdictionCode == "140214").ReportId, View = ReportView.Full });
        Assert.Equal(Pdf, Assert.Single(withAttachment.Attachments).Content.ToByteArray());

        // Polite: robots.txt read and obeyed, one request at a time per host, at most the configured rate, our User-Agent.
        Assert.DoesNotContain(_simulator.Requests, r => r.Request.PathAndQuery.StartsWith("/archive/", StringComparison.Ordinal));
        // Each list links a 2025 report title under /archive/ (灵丘县's list never answers; 浑源县's names 2024).
        Assert.Equal(Plans.Length - 2, first.Disallowed);
        Assert.All(_simulator.Hosts, h => Assert.Equal("/robots.txt", h.Requests.First().PathAndQuery));
        Assert.All(_simulator.Hosts, h => Assert.Equal(1, h.PeakInFlight));
        Assert.All(_simulator.Requests, r => Assert.Equal("OversightBot/1.0 (+tests)", r.Request.UserAgent));
        foreach (var host in _simulator.Hosts)
        {
            var arrivals = host.Requests.Select(r => r.At).Order().ToList();
            var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
            // The whole interval: a request reaches the host after the previous answer ended there, and the gate waits the
            // interval from that end by its own clock (a timer ending early does not shorten it).
            Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromSeconds(1 / Rate), $"{host.Address}: {gap.TotalMilliseconds} ms between requests"));
        }

        // The failing host was tried a bounded number of times and is reported; the 503 once was waited out.
        var failing = Portal("140224").Host;
        Assert.Equal(failing.Address.GetLeftPart(UriPartial.Authority), Assert.Single(status.FailingHosts).Host);
        Assert.InRange(failing.Requests.Count(r => r.Status == 503), 3, 6);
        Assert.Contains(Portal("140221").Host.Requests, r => r.Status == 503);

        // Second pass: nothing new, everything answered 304, nothing submitted again.
        Assert.Equal((0, 0, Reporting.Length), (second.Submitted, second.Fetched, second.ReportsFound));
        Assert.True(second.NotModified >= Reporting.Length, $"not modified {second.NotModified}");
        Assert.Equal(afterFirst.Select(r => (r.ReportId, r.Revision)), afterSecond.Select(r => (r.ReportId, r.Revision)));
        var secondRequests = _simulator.Hosts.SelectMany((h, i) => h.Requests.Skip(requestsBefore[i])).ToList();
        // Besides robots.txt, the failing host's 503s and 广灵县's redirect, every answer was 304.
        Assert.All(secondRequests.Where(r => r.PathAndQuery != "/robots.txt" && r.Status is not (503 or 302)), r => Assert.Equal(304, r.Status));
        Assert.Contains(secondRequests, r => r.Status == 304 && r.PathAndQuery.StartsWith("/moved/", StringComparison.Ordinal));

        // The sweep afterwards flags exactly the bodies the simulator gave no (reachable) report.
        using var sweep = _stack.Compliance.RunSweep(new RunSweepRequest
        {
            ReportYear = 2025, AsOf = new Date { Year = 2026, Month = 4, Day = 2 }, ScopePrefix = "1402", Trigger = "test",
        });
        await foreach (var _ in sweep.ResponseStream.ReadAllAsync())
        {
        }
        var flagged = await _stack.Compliance.ListFindingsAsync(new ListFindingsRequest { Code = "NOT_DISCLOSED", ReportYear = 2025, PageSize = 500 });
        Assert.Equal(["140215", "140222", "140224", "140225"], flagged.Findings.Select(f => f.JurisdictionCode).Order());

        // Progress visible from the command line: both passes and the failing host.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Oversight.Cli.CliApplication.RunAsync(
            ["watch", "status", "--watching", _stack.WatchingAddress.ToString(), "--key-file", Path.Combine(Path.GetTempPath(), "no-such.key")], output, error);
        Assert.Equal(0, exit);
        Assert.Equal(2, output.ToString().Split("completed").Length - 1);
        Assert.Contains(failing.Address.GetLeftPart(UriPartial.Authority), output.ToString(), StringComparison.Ordinal);
    }
}
