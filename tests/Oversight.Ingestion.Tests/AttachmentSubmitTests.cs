using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Oversight.Analysis;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Fetching.Attachments;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Tests;

/// <summary>
/// A page submitted with its attachment, end to end over gRPC: the report's text comes from where the report is
/// (the attachment when the page is only a notice linking it; the page when it is the report itself).
/// </summary>
public sealed class AttachmentSubmitTests : IAsyncLifetime
{
    private static readonly string Notice = PortalNotices.Pulan("/files/report.docx", ".docx");

    private IngestionHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestionHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SubmitReportRequest NoticeWith(params Attachment[] attachments)
    {
        var request = new SubmitReportRequest
        {
            Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(Notice)),
            ContentType = "text/html; charset=utf-8",
            SourceUrl = "https://www.pulan.gov.cn/zwgk/2026/0112/notice.html",
            JurisdictionCode = "542521",
        };
        request.Attachments.AddRange(attachments);
        return request;
    }

    private static Attachment Docx(string seed) => new()
    {
        Url = "https://www.pulan.gov.cn/files/report.docx",
        LinkText = "普兰县2025年法治政府建设年度报告.docx",
        // What a portal often declares; the bytes say DOCX.
        ContentType = "application/octet-stream",
        Content = ByteString.CopyFrom(DocxWriter.Write(SampleReports.Text(seed))),
    };

    [Fact]
    public async Task SubmitReport_NoticePageWithReportAttachment_ReportIsTheAttachmentsTextAndThePageIsKept()
    {
        var expected = ReportReader.Default.Read(new ReportInput(SampleReports.Bytes(SampleReports.Pulan))).Reading!;

        var response = await _host.Client.SubmitReportAsync(NoticeWith(Docx(SampleReports.Pulan)));

        Assert.Equal("created", response.Outcome);
        Assert.Equal(expected.Outline.TopLevelKinds, response.SectionKinds);
        Assert.Equal(2025, response.Metadata.ReportYear);
        var report = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });
        Assert.Equal("text/plain; charset=utf-8", report.ContentType);
        Assert.StartsWith("普兰县2025年法治政府建设年度报告", report.OriginalText, StringComparison.Ordinal);
        Assert.Contains("三、下一步工作打算", report.OriginalText, StringComparison.Ordinal);
        Assert.Equal("https://www.pulan.gov.cn/zwgk/2026/0112/notice.html", report.SourceUrl);
        Assert.Equal(expected.Outline.Sections.Count, report.Outline.Sections.Count);
        // Evidence spans point into the attachment's text, which is what the services that read the report again get.
        var section = report.Outline.Sections[0];
        Assert.Equal(section.Heading, report.OriginalText.Substring(section.HeadingSpan.Start, section.HeadingSpan.Length).TrimStart('一', '、'));
    }

    [Fact]
    public async Task SubmitReport_PageThatIsTheReportWithAnAttachment_PageStaysTheReport()
    {
        var request = new SubmitReportRequest
        {
            Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Hunyuan)),
            ContentType = "text/plain; charset=utf-8",
            SourceUrl = "https://www.hunyuan.gov.cn/zwgk/report.html",
        };
        request.Attachments.Add(Docx(SampleReports.Pulan));

        var response = await _host.Client.SubmitReportAsync(request);

        var report = await _host.Client.GetReportAsync(new GetReportRequest { ReportId = response.ReportId, View = ReportView.Full });
        Assert.Equal(SampleReports.Bytes(SampleReports.Hunyuan), report.OriginalContent.ToByteArray());
        Assert.Contains("浑源", report.Metadata.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReport_NoticeWithAttachmentOfNoFormat_RefusedWithTheAttachmentsReasonNothingStored()
    {
        var attachment = new Attachment
        {
            Url = "https://www.pulan.gov.cn/files/report.pdf", ContentType = "application/pdf", Content = ByteString.CopyFromUtf8("not a pdf"),
        };
        var request = NoticeWith(attachment);
        request.Content = ByteString.Empty;

        var ex = await Assert.ThrowsAsync<RpcException>(() => _host.Client.SubmitReportAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(Reasons.AttachmentFormatUnsupported, ex.Trailers.GetValue(ServiceError.ReasonTrailer));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Status.Detail);
        Assert.Empty((await _host.Client.ListReportsAsync(new ListReportsRequest())).Reports);
    }

    [Fact]
    public async Task SubmitReport_MoreAttachmentsThanAllowedOrAnEmptyOne_RefusedBeforeReading()
    {
        var many = NoticeWith([.. Enumerable.Range(0, 11).Select(_ => Docx(SampleReports.Pulan))]);
        var empty = NoticeWith(new Attachment { Url = "https://www.pulan.gov.cn/files/empty.pdf" });

        var tooMany = await Assert.ThrowsAsync<RpcException>(() => _host.Client.SubmitReportAsync(many).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => _host.Client.SubmitReportAsync(empty).ResponseAsync);

        Assert.Equal(Reasons.AttachmentsTooMany, tooMany.Trailers.GetValue(ServiceError.ReasonTrailer));
        Assert.Equal(Reasons.AttachmentEmpty, none.Trailers.GetValue(ServiceError.ReasonTrailer));
        Assert.Empty((await _host.Client.ListReportsAsync(new ListReportsRequest())).Reports);
    }

    [Fact]
    public async Task FetchingSeam_AttachmentBytes_ReadByTheDocumentsReaderOrNullWhenRefused()
    {
        var reader = _host.Services.GetRequiredService<Oversight.Fetching.Attachments.IAttachmentReader>();
        var address = new Uri("https://www.pulan.gov.cn/files/report.docx");
        var docx = DocxWriter.Write(SampleReports.Text(SampleReports.Pulan));

        var text = await reader.ReadAsync(new AttachmentBytes(address, "报告.docx", "application/octet-stream", docx), CancellationToken.None);
        var refused = await reader.ReadAsync(new AttachmentBytes(address, "报告.pdf", "application/pdf", Encoding.ASCII.GetBytes("not a pdf")),
            CancellationToken.None);

        Assert.Equal(Oversight.Documents.ReadMethods.Docx, text!.Method);
        Assert.Contains("三、下一步工作打算", text.Text, StringComparison.Ordinal);
        Assert.Null(refused);
    }

    [Fact]
    public async Task IngestReports_StreamWithAnAttachedReport_ResultInOrderWithTheAttachmentsKinds()
    {
        var expected = ReportReader.Default.Read(new ReportInput(SampleReports.Bytes(SampleReports.Pulan))).Reading!;
        using var call = _host.Client.IngestReports();

        var page = new SubmitReportRequest { Content = ByteString.CopyFrom(SampleReports.Bytes(SampleReports.Yungang)), ClientReference = "page" };
        await call.RequestStream.WriteAsync(page);
        var attached = NoticeWith(Docx(SampleReports.Pulan));
        attached.ClientReference = "attached";
        await call.RequestStream.WriteAsync(attached);
        await call.RequestStream.CompleteAsync();
        var results = new List<IngestResult>();
        await foreach (var result in call.ResponseStream.ReadAllAsync())
        {
            results.Add(result);
        }

        Assert.Equal(["page", "attached"], results.Select(r => r.ClientReference));
        Assert.Equal(expected.Outline.TopLevelKinds, results[1].Accepted.SectionKinds);
    }
}
