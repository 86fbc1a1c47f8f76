using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Documents;
using Oversight.Ingestion.Intake;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Attachments;

/// <summary>
/// A page and its attachments are one report whose text comes from where the report is. The page, when it reads as
/// the report with sections of its own, stays the report (its attachments kept beside it). Otherwise (a short notice
/// that links the report, or no page at all) the first attachment that reads as the report gives the text: the
/// submission to read becomes that text (text/plain, UTF-8; evidence spans point into it, and metrics and compliance
/// read the same bytes again), and the page's original bytes move in front of the attachments, so every byte
/// received is kept. The page's publication date stands when the attachment states none.
/// </summary>
public sealed class AttachmentReports(IAttachmentReader attachments, ReportReader reader, IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>Names the page when it is kept as an attachment of the report read from an attachment.</summary>
    public const string PageLinkText = "原页面";

    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>A page with fewer top-level sections than this is a notice, not the report.</summary>
    private const int ReportSections = 2;

    /// <summary>
    /// The submission to read, or why none: refused when the caller's scope does not cover the body (before any attachment
    /// is read), and when no page was sent and no attachment is a report.
    /// </summary>
    public async Task<(SubmitReportRequest Request, ServiceError? Error)> ResolveAsync(
        SubmitReportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (request.Attachments.Count == 0)
        {
            return (request, null);
        }
        // A malformed code is the caller's to fix, said as such, not compared with the scope as if it were a place.
        if ((Validate(request) ?? ReportIntake.CodeError(request)) is { } invalid)
        {
            return (request, invalid);
        }
        if (SubmissionScope.Stated(request, caller) is { } supplied)
        {
            return (request, supplied);
        }
        var page = request.Content.IsEmpty ? null : Read(request.Content.Memory, request.ContentType, request.Charset, request);
        if (page is { LooksLikeAnnualReport: true } && page.Outline.Sections.Count >= ReportSections)
        {
            return (request, null);
        }
        if (ReadOutOfScope(request, page, caller) is { } outside)
        {
            return (request, outside);
        }
        // The server bounds its own work: one submission's attachments, waits for a converter included, take at most
        // Ingestion:ConversionTimeout, whatever deadline the caller set (the command line's is long, a peer's may be none).
        using var limit = new CancellationTokenSource(options.Value.ConversionTimeout, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await ReadAttachmentsAsync(request, page, limit, bounded.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (request, ConversionTimedOut());
        }
    }

    private async Task<(SubmitReportRequest Request, ServiceError? Error)> ReadAttachmentsAsync(SubmitReportRequest request, ReportReading? page,
        CancellationTokenSource limit, CancellationToken bounded, CancellationToken cancellationToken)
    {
        ServiceError? firstRefusal = null;
        foreach (var attachment in request.Attachments)
        {
            var text = await attachments.ReadAsync(attachment.Content.Memory, attachment.ContentType, bounded);
            // A converter stopped by the submission's limit may answer as if its own time had run out: it is the limit.
            if (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (request, ConversionTimedOut());
            }
            if (!text.Succeeded)
            {
                firstRefusal ??= Refusal(text.Refusal!);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(text.Text);
            if (Read(bytes, TextPlain, "utf-8", request) is { LooksLikeAnnualReport: true } reading)
            {
                return (FromAttachment(request, attachment, bytes, page, reading), null);
            }
        }
        // No attachment is the report: the page is read as it is (and refused, unless forced, when it is no report).
        return request.Content.IsEmpty
            ? (request, firstRefusal ?? new ServiceError(StatusCode.FailedPrecondition, Reasons.NotAnAnnualReport,
                "附件中没有法治政府建设年度报告:请提交年度报告正文或其附件", "attachments"))
            : (request, null);
    }

    // DEADLINE_EXCEEDED, not RESOURCE_EXHAUSTED: the time may have gone waiting for a converter on a busy host, so the
    // same submission can succeed later (the watcher submits it again on its next pass).
    private ServiceError ConversionTimedOut() => new(StatusCode.DeadlineExceeded, Reasons.ConversionTimeout,
        $"读取本次提交的附件超过 {Describe(options.Value.ConversionTimeout)} 仍未完成(服务器对每次提交的上限),未保存任何内容:"
        + "请稍后重试,或提交带文字层的 PDF 或 Word 文件、减少附件或页数", "attachments");

    // Reading an attachment is the expensive part (converted out of process), so whose body it is is settled first: by the
    // code the caller supplied (which wins over what the text says), else by what the page says. A caller limited to a
    // scope who sends neither has the attachment's body unknown until it is read, and is asked for the code instead.
    private static ServiceError? ReadOutOfScope(SubmitReportRequest request, ReportReading? page, Caller caller) =>
        SubmissionScope.ByPage(request, page?.Metadata.JurisdictionCode, attachmentsPending: true, caller,
            "附件所属辖区未知的报告(请填写 jurisdiction_code,平台先核对范围再读取附件)");

    private static string Describe(TimeSpan limit) => limit.TotalSeconds >= 60 && limit.Seconds == 0 && limit.Milliseconds == 0
        ? $"{limit.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} 分钟"
        : $"{limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} 秒";

    private ServiceError? Validate(SubmitReportRequest request)
    {
        if (TooMany(request, options.Value.MaxAttachments) is { } tooMany)
        {
            return tooMany;
        }
        var empty = request.Attachments.Select((a, i) => (a, i)).FirstOrDefault(x => x.a.Content.IsEmpty);
        return empty.a is null ? null
            : new ServiceError(StatusCode.InvalidArgument, Reasons.AttachmentEmpty, $"第 {empty.i + 1} 个附件为空:请附上文件的字节,或去掉该附件", "attachments");
    }

    /// <summary>More uploaded attachments than one submission may carry (checked before a page is fetched for one by address too).</summary>
    public static ServiceError? TooMany(SubmitReportRequest request, int max) => request.Attachments.Count > max
        ? new ServiceError(StatusCode.InvalidArgument, Reasons.AttachmentsTooMany,
            $"附件有 {request.Attachments.Count} 个,超过上限 {max} 个:请只附上报告本身", "attachments")
        : null;

    private ReportReading? Read(ReadOnlyMemory<byte> content, string contentType, string charset, SubmitReportRequest request) =>
        reader.Read(new ReportInput(content, contentType, charset.Length == 0 ? null : charset,
            request.JurisdictionCode.Length == 0 ? null : request.JurisdictionCode, request.ReportYear == 0 ? null : request.ReportYear)).Reading;

    private static SubmitReportRequest FromAttachment(
        SubmitReportRequest request, Attachment attachment, byte[] text, ReportReading? page, ReportReading reading)
    {
        var resolved = request.Clone();
        resolved.Content = ByteString.CopyFrom(text);
        resolved.ContentType = TextPlain;
        resolved.Charset = "utf-8";
        if (resolved.SourceUrl.Length == 0 && Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            resolved.SourceUrl = attachment.Url;
        }
        if (!request.Content.IsEmpty)
        {
            resolved.Attachments.Insert(0, new Attachment
            {
                Url = request.SourceUrl, LinkText = PageLinkText, ContentType = request.ContentType, Content = request.Content,
            });
        }
        // The page states when it was published; an attachment seldom does. The caller's time still wins.
        if (resolved.PublishedAt is null && reading.Metadata.PublishedAt is null && page?.Metadata.PublishedAt is { } published)
        {
            resolved.PublishedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(published);
        }
        return resolved;
    }

    private static ServiceError Refusal(AttachmentRefusal refusal) => new(refusal.Reason switch
    {
        Reasons.AttachmentTooLarge or Reasons.AttachmentUnpacksTooLarge or Reasons.AttachmentReadTimeout => StatusCode.ResourceExhausted,
        Reasons.AttachmentReaderUnavailable => StatusCode.Unavailable,
        _ => StatusCode.InvalidArgument,
    }, refusal.Reason, refusal.Message, "attachments");
}
