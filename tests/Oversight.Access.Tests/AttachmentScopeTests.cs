using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Documents;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>
/// Reading an attachment (converted out of process) is the expensive part of a submission, so a caller's scope is settled
/// before any is read: a 大同市 (1402) office submitting 普兰县's (542521) report with its DOCX is refused without the
/// attachment reader being asked at all. The reader here is the real one, counted; the administrator's submission of the
/// same request shows the count moving when an attachment is read.
/// </summary>
public sealed class AttachmentScopeTests : IAsyncLifetime
{
    private static readonly string Notice = PortalNotices.Pulan("/files/report.docx", ".docx");

    private readonly CountingReader _reader = new();
    private readonly AccessStack _stack;
    private string _datong = "";

    public AttachmentScopeTests()
    {
        _stack = new AccessStack(new Dictionary<string, string?> { ["Access:FailureLimit"] = "100000" }, ingestionServices: services =>
        {
            services.RemoveAll<IAttachmentReader>();
            services.AddSingleton<IAttachmentReader>(_reader);
        });
    }

    public async Task InitializeAsync()
    {
        await _stack.InitializeAsync();
        _datong = await _stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市司法局");
    }

    public Task DisposeAsync() => _stack.DisposeAsync();

    private static SubmitReportRequest Submission(bool page, string jurisdictionCode)
    {
        var request = new SubmitReportRequest { JurisdictionCode = jurisdictionCode };
        if (page)
        {
            request.Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(Notice));
            request.ContentType = "text/html; charset=utf-8";
        }
        request.Attachments.Add(new Attachment
        {
            Url = "https://www.pulan.gov.cn/files/report.docx",
            LinkText = "普兰县2025年法治政府建设年度报告.docx",
            ContentType = "application/octet-stream",
            Content = ByteString.CopyFrom(DocxWriter.Write(SampleReports.Text(SampleReports.Pulan))),
        });
        return request;
    }

    [Fact]
    public async Task SubmitReport_ScopedCallerMalformedCodeWithAttachment_CodeMalformedWithoutReading()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(_datong).SubmitReportAsync(Submission(true, "14O2xx")));

        Assert.Equal((StatusCode.InvalidArgument, "JURISDICTION_CODE_MALFORMED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal(0, _reader.Reads);
    }

    [Theory]
    [InlineData(true, "542521", "542521")]
    [InlineData(true, "", "542521")]
    [InlineData(false, "", "jurisdiction_code")]
    public async Task SubmitReport_ScopedOutCallerWithAttachment_RefusedWithoutReadingTheAttachment(bool page, string code, string named)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(_datong).SubmitReportAsync(Submission(page, code)));
        using var call = _stack.Ingestion(_datong).IngestReports();
        await call.RequestStream.WriteAsync(Submission(page, code));
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var streamed = call.ResponseStream.Current.Rejected;

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(named, ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(((int)StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (streamed.StatusCode, streamed.Reason));
        Assert.Equal(0, _reader.Reads);
        var listed = await _stack.Ingestion(_stack.AdminKey)
            .ListReportsAsync(new ListReportsRequest { Filter = new ReportFilter { JurisdictionPrefix = "5425" } });
        Assert.Empty(listed.Reports);
    }

    [Fact]
    public async Task SubmitReport_CallerCoveringTheBodyWithAttachment_AttachmentReadAndStored()
    {
        var response = await _stack.Ingestion(_stack.AdminKey).SubmitReportAsync(Submission(page: true, ""));

        Assert.Equal(("created", "542521"), (response.Outcome, response.Metadata.JurisdictionCode));
        Assert.Equal(1, _reader.Reads);
    }

    /// <summary>The real reader, counting what it is asked to read.</summary>
    private sealed class CountingReader : IAttachmentReader
    {
        private readonly AttachmentReader _inner = new(new DocumentLimits());
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<AttachmentText> ReadAsync(ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return _inner.ReadAsync(content, contentType, cancellationToken);
        }
    }
}
