using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.PortalSimulator;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Ingestion.Tests;

/// <summary>SubmitReport with url: ingestion fetches the page (and its attachments) from a simulated portal on loopback.</summary>
public sealed class ByAddressTests : IAsyncLifetime
{
    private static readonly SimulatedBody Hunyuan = new("140225", "浑源县");
    private PortalSimulator.PortalSimulator _simulator = null!;
    private IngestionHost _host = null!;
    private IngestionHost _strict = null!;

    private SimulatedHost Portal => _simulator.Hosts[0];

    public async Task InitializeAsync()
    {
        _simulator = await PortalSimulator.PortalSimulator.StartAsync(1);
        _host = await IngestionHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Outbound:Timeout"] = "00:00:02",
            ["Outbound:MaxBytes"] = "150000",
        });
        // The default configuration: loopback is not listed.
        _strict = await IngestionHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _strict.DisposeAsync();
        await _host.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private static byte[] ReportPage(string extra = "") => Encoding.UTF8.GetBytes(
        $"<html><head><title>浑源县2025年法治政府建设年度报告</title></head><body><h1>浑源县2025年法治政府建设年度报告</h1><span>发布日期:2026-03-20</span>"
        + $"<div>{SimulatedPortals.ReportBody(Hunyuan, 2025, "rule_of_law")}{extra}</div></body></html>");

    [Fact]
    public async Task SubmitReport_Url_PageFetchedWithEvidenceAndAttachmentsKept()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 simulated attachment bytes");
        Portal.Put("/old/1.html", SimulatedResource.Redirect("/zwgk/202603/t20260320_1.html"))
            .Put("/zwgk/202603/t20260320_1.html", new SimulatedResource
            {
                Body = ReportPage("<p>附件:<a href=\"P0201.pdf\">报告全文.pdf</a><a href=\"/missing.docx\">缺失.docx</a></p>"),
                ETag = "\"e1\"",
                LastModified = new DateTimeOffset(2026, 3, 20, 1, 0, 0, TimeSpan.Zero),
            })
            .Put("/zwgk/202603/P0201.pdf", new SimulatedResource { Body = pdf, ContentType = "application/pdf" });

        var response = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Url = Portal["/old/1.html"].AbsoluteUri });
        var report = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });

        Assert.Equal(("created", "140225", 2025), (response.Outcome, response.Metadata.JurisdictionCode, response.Metadata.ReportYear));
        var fetch = report.Metadata.Fetch;
        Assert.Equal(Portal["/old/1.html"].AbsoluteUri, fetch.RequestedUrl);
        Assert.Equal(Portal["/zwgk/202603/t20260320_1.html"].AbsoluteUri, fetch.FinalUrl);
        Assert.Equal(fetch.FinalUrl, report.SourceUrl);
        Assert.Equal(("\"e1\"", "Fri, 20 Mar 2026 01:00:00 GMT", 200), (fetch.Etag, fetch.LastModified, fetch.HttpStatus));
        Assert.Equal(fetch.FetchedAt, fetch.FirstSeenAt);
        Assert.Equal(ReportPage("<p>附件:<a href=\"P0201.pdf\">报告全文.pdf</a><a href=\"/missing.docx\">缺失.docx</a></p>"), report.OriginalContent.ToByteArray());
        var attachment = Assert.Single(report.Attachments);
        Assert.Equal((Portal["/zwgk/202603/P0201.pdf"].AbsoluteUri, "报告全文.pdf", "application/pdf"), (attachment.Url, attachment.LinkText,
            attachment.ContentType));
        Assert.Equal(pdf, attachment.Content.ToByteArray());
        Assert.Equal(pdf.Length, Assert.Single(fetch.Attachments).Size);
    }

    [Fact]
    public async Task SubmitReport_UrlOfANoticeLinkingTheReport_FetchedAttachmentReadLikeAnUploadedOne()
    {
        var docx = Oversight.Testing.DocxWriter.Write(Oversight.Testing.SampleReports.Text(Oversight.Testing.SampleReports.Pulan));
        Portal.Put("/zwgk/202601/t20260112_2.html", new SimulatedResource
        {
            Body = Encoding.UTF8.GetBytes(Oversight.Testing.PortalNotices.Pulan("P0202.docx", ".docx")),
        })
            .Put("/zwgk/202601/P0202.docx", new SimulatedResource { Body = docx, ContentType = "application/octet-stream" });
        var expected = Oversight.Analysis.ReportReader.Default.Read(new Oversight.Analysis.ReportInput(
            Oversight.Testing.SampleReports.Bytes(Oversight.Testing.SampleReports.Pulan))).Reading!;

        var response = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Url = Portal["/zwgk/202601/t20260112_2.html"].AbsoluteUri });
        var report = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });

        // The page is a notice: the report's text is the fetched DOCX's, read by the same reader as an uploaded one.
        Assert.Equal(expected.Outline.TopLevelKinds, response.SectionKinds);
        Assert.Equal("text/plain; charset=utf-8", report.ContentType);
        Assert.Contains("三、下一步工作打算", report.OriginalText, StringComparison.Ordinal);
        Assert.Equal(["原页面", "普兰县2025年法治政府建设年度报告.docx"], report.Attachments.Select(a => a.LinkText));
        Assert.Equal(docx, report.Attachments[1].Content.ToByteArray());
        Assert.Equal((report.SourceUrl, 2), (report.Metadata.Fetch.FinalUrl, report.Metadata.Fetch.Attachments.Count));
    }

    [Fact]
    public async Task SubmitReport_SameUrlTwice_Duplicate()
    {
        Portal.Put("/r.html", SimulatedResource.Html(ReportPage()));

        var first = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Url = Portal["/r.html"].AbsoluteUri });
        var second = await _host.Client.SubmitReportAsync(new SubmitReportRequest { Url = Portal["/r.html"].AbsoluteUri });

        Assert.Equal((first.ReportId, true), (second.ReportId, second.Duplicate));
    }

    [Fact]
    public async Task SubmitReport_LoopbackNotListed_RefusedAndNothingFetched()
    {
        Portal.Put("/r.html", SimulatedResource.Html(ReportPage()));

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _strict.Client.SubmitReportAsync(new SubmitReportRequest { Url = Portal["/r.html"].AbsoluteUri }));
        var named = await Assert.ThrowsAsync<RpcException>(async () =>
            await _strict.Client.SubmitReportAsync(new SubmitReportRequest { Url = $"http://localhost:{Portal.Port}/r.html" }));
        var metadata = await Assert.ThrowsAsync<RpcException>(async () =>
            await _strict.Client.SubmitReportAsync(new SubmitReportRequest { Url = "http://169.254.169.254/latest/meta-data/" }));

        Assert.Equal((StatusCode.FailedPrecondition, "URL_ADDRESS_REFUSED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal("URL_ADDRESS_REFUSED", ServiceError.ReasonOf(named));
        Assert.Equal("URL_ADDRESS_REFUSED", ServiceError.ReasonOf(metadata));
        Assert.Empty(Portal.Requests);
    }

    [Theory]
    [InlineData("ftp://example.gov.cn/r.html", StatusCode.InvalidArgument, "URL_MALFORMED")]
    [InlineData("not an address", StatusCode.InvalidArgument, "URL_MALFORMED")]
    [InlineData("/missing.html", StatusCode.FailedPrecondition, "URL_STATUS")]
    [InlineData("/error.html", StatusCode.FailedPrecondition, "URL_STATUS")]
    [InlineData("/stall.html", StatusCode.Unavailable, "URL_TIMED_OUT")]
    [InlineData("/big.html", StatusCode.ResourceExhausted, "CONTENT_TOO_LARGE")]
    [InlineData("/notes.html", StatusCode.FailedPrecondition, "NOT_AN_ANNUAL_REPORT")]
    public async Task SubmitReport_UrlThatCannotBeUsed_RefusedWithItsReason(string url, StatusCode status, string reason)
    {
        Portal.Put("/error.html", new SimulatedResource { Status = 500, Body = "x"u8.ToArray() })
            .Put("/stall.html", new SimulatedResource { Body = ReportPage(), Stall = true })
            .Put("/big.html", SimulatedResource.Html(new byte[200_000]))
            .Put("/notes.html", SimulatedResource.Html(Encoding.UTF8.GetBytes("<html><body><h1>关于开展执法检查的通知</h1><p>各单位:请按时报送。</p></body></html>")));
        var address = url.StartsWith('/') ? Portal[url].AbsoluteUri : url;

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.SubmitReportAsync(new SubmitReportRequest { Url = address }));

        Assert.Equal((status, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
    }

    [Fact]
    public async Task SubmitReport_UrlAndContent_Refused()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.SubmitReportAsync(
            new SubmitReportRequest { Url = Portal["/r.html"].AbsoluteUri, Content = ByteString.CopyFrom(ReportPage()) }));

        Assert.Equal((StatusCode.InvalidArgument, "URL_WITH_CONTENT"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Empty(Portal.Requests);
    }

    [Theory]
    [InlineData("code", "JURISDICTION_CODE_MALFORMED")]
    [InlineData("year", "REPORT_YEAR_OUT_OF_RANGE")]
    [InlineData("source", "SOURCE_URL_MALFORMED")]
    [InlineData("type", "CONTENT_TYPE_UNSUPPORTED")]
    [InlineData("attachments", "ATTACHMENTS_TOO_MANY")]
    public async Task SubmitReport_UrlWithAFieldBoundToBeRefused_RefusedWithNothingFetched(string field, string reason)
    {
        Portal.Put("/r.html", SimulatedResource.Html(ReportPage()));
        var request = new SubmitReportRequest { Url = Portal["/r.html"].AbsoluteUri };
        switch (field)
        {
            case "code": request.JurisdictionCode = "14022"; break;
            case "year": request.ReportYear = 1999; break;
            case "source": request.SourceUrl = "ftp://example.gov.cn/r.html"; break;
            case "type": request.ContentType = "application/pdf"; break;
            default:
                request.Attachments.AddRange(Enumerable.Range(0, 11).Select(i => new Attachment { Content = ByteString.CopyFrom([(byte)i]) }));
                break;
        }

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.SubmitReportAsync(request));

        Assert.Equal((StatusCode.InvalidArgument, reason), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Empty(Portal.Requests);
    }

    [Fact]
    public async Task IngestReports_UrlsInAStream_EachFetchedOrRejected()
    {
        Portal.Put("/r.html", SimulatedResource.Html(ReportPage()));
        using var call = _host.Client.IngestReports();

        await call.RequestStream.WriteAsync(new SubmitReportRequest { Url = Portal["/r.html"].AbsoluteUri, ClientReference = "ok" });
        await call.RequestStream.WriteAsync(new SubmitReportRequest { Url = Portal["/gone.html"].AbsoluteUri, ClientReference = "gone" });
        await call.RequestStream.CompleteAsync();
        var results = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(["ok", "gone"], results.Select(r => r.ClientReference));
        Assert.Equal("created", results[0].Accepted.Outcome);
        Assert.Equal("URL_STATUS", results[1].Rejected.Reason);
    }
}
