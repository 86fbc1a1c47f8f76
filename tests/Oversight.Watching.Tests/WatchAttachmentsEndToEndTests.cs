using System.Text;
using Grpc.Core;
using Oversight.Contracts.Common.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.PortalSimulator;
using Oversight.ServiceDefaults.Clients;
using Microsoft.Extensions.Logging;
using Oversight.Testing;
using Xunit.Abstractions;
using ReportInput = Oversight.Analysis.ReportInput;
using ReportReader = Oversight.Analysis.ReportReader;

namespace Oversight.Watching.Tests;

/// <summary>
/// Bodies that publish their report only as an attachment on a short notice page, as many portals do: four seed reports
/// as a PDF, a DOCX, a Word 97 DOC and a scanned (image-only) PDF, generated from samples/reports by the tests; beside them
/// a body with no report and one with only last year's. One watch pass, then a sweep: each attachment's report is found and
/// stored with its text read from the attachment (the same outline and kinds as the seed's text, the scan within the OCR
/// tolerance), and only the two bodies without a report are flagged.
/// </summary>
public sealed class WatchAttachmentsEndToEndTests(SeedAttachmentFiles files, ITestOutputHelper output) : IClassFixture<SeedAttachmentFiles>, IAsyncLifetime
{
    // What OCR of a clean scan keeps, the rule the attachment reader's own tests state for the same scans.
    private const double OcrCharactersKept = OcrTolerance.CharactersKept;

    // Reading a scan through Tesseract takes a minute or more on a busy machine; the pass is bounded well above that.
    private static readonly TimeSpan PassBound = TimeSpan.FromMinutes(8);

    private static readonly AttachedReport[] InAttachments =
    [
        new(new("140214", "云冈区"), "county", "140200", SampleReports.Yungang, ".pdf", false, PortalLayout.Trs, "utf-8"),
        new(new("140214102", "云冈镇"), "township", "140214", SampleReports.YungangTown, ".docx", false, PortalLayout.Hanweb, "gbk"),
        new(new("542521", "普兰县"), "county", "542500", SampleReports.Pulan, ".doc", false, PortalLayout.Gkmlpt, "utf-8"),
        new(new("140225", "浑源县"), "county", "140200", SampleReports.Hunyuan, ".pdf", true, PortalLayout.Trs, "gbk"),
    ];

    // 新荣区 publishes nothing; 平城区 only its 2024 report (the pass looks for 2025).
    private static readonly string[] Unreported = ["140212", "140213"];

    /// <summary>A body whose report is only an attachment: which seed, in which format (a scan: an image-only PDF), on which layout.</summary>
    public sealed record AttachedReport(SimulatedBody Body, string Level, string Parent, string Seed, string Extension, bool Scanned, PortalLayout Layout,
        string Charset);

    private PortalSimulator.PortalSimulator _simulator = null!;
    private IReadOnlyList<PublishedPortal> _portals = null!;
    private readonly CapturingLoggerProvider _logs = new();
    private WatchStack _stack = null!;

    private byte[] BytesOf(AttachedReport report) => (report.Extension, report.Scanned) switch
    {
        (_, true) => files.Made.ScannedPdf[report.Seed],
        (".pdf", _) => files.Made.Pdf[report.Seed],
        (".docx", _) => files.Made.Docx[report.Seed],
        _ => files.Made.Doc[report.Seed],
    };

    public async Task InitializeAsync()
    {
        var published = new DateOnly(2026, 3, 20);
        var plans = InAttachments.Select(a => new PortalPlan(a.Body, a.Layout, a.Charset,
                [new PlannedReport(2025, "rule_of_law", published, AttachmentExtension: a.Extension, AttachmentBytes: BytesOf(a))], OtherArticles: 11))
            .Append(new PortalPlan(new SimulatedBody("140212", "新荣区"), PortalLayout.Gkmlpt, "gbk", [], OtherArticles: 9))
            .Append(new PortalPlan(new SimulatedBody("140213", "平城区"), PortalLayout.Hanweb, "utf-8",
                [new PlannedReport(2024, "rule_of_law", new DateOnly(2025, 3, 20))], OtherArticles: 7))
            .ToList();
        _simulator = await PortalSimulator.PortalSimulator.StartAsync(plans.Count);
        _portals = SimulatedPortals.Publish(_simulator, plans);
        _stack = await WatchStack.StartAsync(new Dictionary<string, string?>
        {
            ["Watching:Years:0"] = "2025",
            ["Watching:RequestsPerSecondPerHost"] = "10",
        }, logs: _logs);
        var csv = new StringBuilder("code,name,level,parent_code,kind,must_report,portal_columns\n");
        foreach (var portal in _portals)
        {
            var (level, parent) = InAttachments.Where(a => a.Body == portal.Body).Select(a => (a.Level, a.Parent)).FirstOrDefault(("county", "140200"));
            csv.Append($"{portal.Body.Code},{portal.Body.Name},{level},{parent},government,true,rule_of_law={portal.ColumnAddress.AbsoluteUri}\n");
        }
        await _stack.ImportRegistryAsync(csv.ToString());
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _simulator.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task RunWatch_ReportsOnlyInAttachments_StoredWithTheAttachmentsTextAndOnlyTheUnreportedFlagged()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pass = await _stack.Watching.RunWatchAsync(new RunWatchRequest(), CallDeadline.In(PassBound));
        output.WriteLine($"pass in {clock.Elapsed.TotalSeconds:F1} s: {pass}");
        foreach (var entry in _logs.Entries.Where(e => e.Level >= LogLevel.Warning))
        {
            output.WriteLine($"{entry.Level} {entry.Category}: {entry.Message} {entry.Exception?.Message}");
        }

        Assert.Equal(("completed", InAttachments.Length, InAttachments.Length, 0), (pass.Status, pass.ReportsFound, pass.Submitted, pass.Rejected));
        var reports = (await _stack.Ingestion.ListReportsAsync(new ListReportsRequest { PageSize = 100 })).Reports;
        Assert.Equal(InAttachments.Select(a => a.Body.Code).Order(), reports.Select(r => r.Metadata.JurisdictionCode).Order());
        foreach (var attached in InAttachments)
        {
            var portal = _portals.Single(p => p.Body == attached.Body);
            var summary = reports.Single(r => r.Metadata.JurisdictionCode == attached.Body.Code);
            var report = await _stack.Ingestion.GetReportAsync(new GetReportRequest { ReportId = summary.ReportId, View = ReportView.Full });
            var expected = ReportReader.Default.Read(new ReportInput(SampleReports.Bytes(attached.Seed))).Reading!;

            // The text is the attachment's; the notice page and the attachment's original bytes are kept beside it.
            Assert.Equal("text/plain; charset=utf-8", report.ContentType);
            Assert.Equal(portal.Reports[0].Article.AbsoluteUri, report.Metadata.Fetch.FinalUrl);
            Assert.Equal(
                [(portal.Reports[0].Article.AbsoluteUri, "原页面"), (portal.Reports[0].Attachment!.AbsoluteUri, portal.Reports[0].Title + attached.Extension)],
                report.Attachments.Select(a => (a.Url, a.LinkText)));
            Assert.Equal(BytesOf(attached), report.Attachments[1].Content.ToByteArray());
            Assert.Equal(2025, report.Metadata.ReportYear);
            Assert.Equal([.. expected.Outline.TopLevelKinds], report.Outline.Sections.Select(s => s.Kind));
            if (attached.Scanned)
            {
                var kept = OcrTolerance.ShareKept(expected.Text.Text, report.NormalizedText);
                output.WriteLine($"{attached.Body.Name}'s scan: {kept:P2} of the seed's characters kept");
                Assert.True(kept >= OcrCharactersKept, $"{attached.Body.Name}'s scan: {kept:P2} of the characters kept, below {OcrCharactersKept:P0}");
            }
            else
            {
                Assert.Equal(Headings(expected.Outline.Sections), Headings(report.Outline.Sections));
            }
        }

        // The sweep flags exactly the bodies the simulator gave no 2025 report: none whose report is only an attachment.
        using var sweep = _stack.Compliance.RunSweep(new RunSweepRequest
        {
            ReportYear = 2025, AsOf = new Date { Year = 2026, Month = 4, Day = 2 }, Trigger = "test",
        }, CallDeadline.In(PassBound));
        await foreach (var _ in sweep.ResponseStream.ReadAllAsync())
        {
        }
        var flagged = await _stack.Compliance.ListFindingsAsync(new ListFindingsRequest { Code = "NOT_DISCLOSED", ReportYear = 2025, PageSize = 500 });
        Assert.Equal(Unreported, flagged.Findings.Select(f => f.JurisdictionCode).Order());
    }

    private static List<string> Headings(IEnumerable<Analysis.Outline.OutlineSection> sections) =>
        [.. sections.SelectMany(s => new[] { $"{s.Path} {s.Heading}" }.Concat(Headings(s.Children)))];

    private static List<string> Headings(IEnumerable<Section> sections) =>
        [.. sections.SelectMany(s => new[] { $"{s.Path} {s.Heading}" }.Concat(Headings(s.Children)))];
}
