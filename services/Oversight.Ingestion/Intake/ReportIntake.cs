using Oversight.Mapping;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Oversight.Analysis;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.ByAddress;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Intake;

/// <summary>The rules a submission must pass, and what is stored when it does. No I/O.</summary>
public static class ReportIntake
{
    /// <summary>Checks what can be checked before reading the content.</summary>
    public static ServiceError? Validate(SubmitReportRequest request, IngestionOptions options)
    {
        if (request.Content.IsEmpty)
        {
            return new(StatusCode.InvalidArgument, Reasons.ContentEmpty, "content 为空:请提交报告的文本或 HTML 页面字节",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.ContentFieldNumber).JsonName);
        }
        if (request.Content.Length > options.MaxContentBytes)
        {
            return new(StatusCode.ResourceExhausted, Reasons.ContentTooLarge,
                $"content 为 {request.Content.Length} 字节,超过上限 {options.MaxContentBytes} 字节:请只提交报告页面本身",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.ContentFieldNumber).JsonName);
        }
        return FieldError(request);
    }

    /// <summary>
    /// What is wrong with the fields a caller sets beside the content (checked before a page is fetched for a submission by
    /// address: a call bound to be refused costs no fetch).
    /// </summary>
    public static ServiceError? FieldError(SubmitReportRequest request)
    {
        if (request.ContentType.Length > 0 && !IsTextOrHtml(request.ContentType))
        {
            return new(StatusCode.InvalidArgument, Reasons.ContentTypeUnsupported,
                $"content_type '{request.ContentType}' 不受支持:请提交 text/plain 或 text/html",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.ContentTypeFieldNumber).JsonName);
        }
        if (CodeError(request) is { } code)
        {
            return code;
        }
        if (request.SourceUrl.Length > 0 && !(Uri.TryCreate(request.SourceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            return new(StatusCode.InvalidArgument, Reasons.SourceUrlMalformed,
                $"source_url '{request.SourceUrl}' 不是有效的网址:请填写原发布页面的 http:// 或 https:// 地址",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.SourceUrlFieldNumber).JsonName);
        }
        if (!ReportYears.IsValidOrAny(request.ReportYear))
        {
            return new(StatusCode.InvalidArgument, Reasons.ReportYearOutOfRange,
                $"report_year {request.ReportYear} 超出范围:请填写报告所述年度({ReportYears.Range}),或填 0 由正文识别",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.ReportYearFieldNumber).JsonName);
        }
        if (request.PublishedAt is { } published && (published.Seconds < ReportYears.EarliestTime || published.Seconds > ReportYears.LatestTime
            || published.Nanos is < 0 or > 999_999_999))
        {
            return new(StatusCode.InvalidArgument, Reasons.PublishedAtOutOfRange,
                $"published_at 超出范围:请填写 {ReportYears.First} 年至 {ReportYears.Last} 年之间的发布时间",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.PublishedAtFieldNumber).JsonName);
        }
        return null;
    }

    /// <summary>A supplied jurisdiction code that is no code (checked before a scope is compared with it).</summary>
    public static ServiceError? CodeError(SubmitReportRequest request) =>
        request.JurisdictionCode.Length > 0 && !JurisdictionLevels.IsWellFormedCode(request.JurisdictionCode)
            ? new(StatusCode.InvalidArgument, Reasons.JurisdictionCodeMalformed,
                $"jurisdiction_code '{request.JurisdictionCode}' 格式错误:请填写 GB/T 2260 行政区划代码,区县为6位数字(如 140225),"
                + "乡镇为9位数字(如 140214102)",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.JurisdictionCodeFieldNumber).JsonName)
            : null;

    /// <summary>Decides from the reading whether to store, and builds what is stored.</summary>
    public static (NewRevision? Revision, ServiceError? Error) Accept(SubmitReportRequest request, ReadResult read, string submittedBy, DateTimeOffset now)
    {
        if (read.Error is { } readError)
        {
            return (null, new ServiceError(StatusCode.InvalidArgument, readError.Code, readError.Message,
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.ContentFieldNumber).JsonName));
        }
        var reading = read.Reading!;
        var metadata = reading.Metadata;
        if (!reading.LooksLikeAnnualReport && !request.Force)
        {
            return (null, new ServiceError(StatusCode.FailedPrecondition, Reasons.NotAnAnnualReport,
                $"该页面不像法治政府建设年度报告(标题:'{Shorten(metadata.Title)}'):请提交年度报告正文;若确认无误,请设置 force = true 强制提交",
                Fields.Of<SubmitReportRequest>(SubmitReportRequest.ContentFieldNumber).JsonName));
        }
        if (metadata.JurisdictionCode is null)
        {
            return (null, metadata.JurisdictionResolution == JurisdictionResolution.Ambiguous
                ? new ServiceError(StatusCode.FailedPrecondition, Reasons.JurisdictionAmbiguous,
                    $"无法唯一确定辖区 '{metadata.JurisdictionName}',可能是 {string.Join("、", metadata.JurisdictionCandidates.Select(c => $"{c}(依据 {string.Join("、",
                        metadata.SignalsBehind(c))})"))}:请在 jurisdiction_code 中填写代码",
                    Fields.Of<SubmitReportRequest>(SubmitReportRequest.JurisdictionCodeFieldNumber).JsonName)
                : new ServiceError(StatusCode.FailedPrecondition, Reasons.JurisdictionUnresolved,
                    $"无法从报告识别辖区{(metadata.JurisdictionName.Length > 0 ? $" '{metadata.JurisdictionName}'" : "")}:请在 jurisdiction_code 中填写 GB/T 2260 行政区划代码",
                    Fields.Of<SubmitReportRequest>(SubmitReportRequest.JurisdictionCodeFieldNumber).JsonName));
        }
        if (metadata.ReportYear is null)
        {
            return (null, new ServiceError(StatusCode.FailedPrecondition, Reasons.ReportYearUnknown,
                "无法从标题或正文识别报告年度:请在 report_year 中填写报告所述年度", Fields.Of<SubmitReportRequest>(SubmitReportRequest.ReportYearFieldNumber).JsonName));
        }

        var proto = ReportMessages.ToMetadata(metadata, request.SourceUrl, request.PublishedAt);
        var attachments = AddressedSubmissions.References(request.Attachments);
        if (request.Fetch is not null || attachments.Count > 0)
        {
            proto.Fetch = request.Fetch?.Clone() ?? new FetchEvidence();
            proto.Fetch.Attachments.Clear();
            proto.Fetch.Attachments.AddRange(attachments);
        }
        var outline = ReportMessages.ToOutline(reading.Outline, reading.TaskAreas);
        var normalized = reading.Text.Text;
        return (new NewRevision(
            IdentityKey(metadata),
            metadata.JurisdictionCode,
            metadata.ReportYear,
            metadata.Level,
            proto.PublishedAt?.ToDateTimeOffset(),
            Shorten(metadata.Title, 400),
            NullIfEmpty(request.SourceUrl),
            NullIfEmpty(request.ContentType),
            reading.Decoded.Charset,
            submittedBy,
            now,
            request.Force,
            string.Join(',', reading.Outline.TopLevelKinds),
            proto.ToByteArray(),
            outline.ToByteArray(),
            request.Content.ToByteArray(),
            reading.Decoded.IsHtml ? reading.OriginalText : null,
            normalized,
            ContentHash(normalized, attachments),
            [.. request.Attachments.Zip(attachments,
                (a, r) => new NewAttachment(r.Url, r.LinkText, r.ContentType, r.Sha256, a.Content.ToByteArray()))])
        {
            Header = RevisionHeader.Of(proto),
        }, null);
    }

    // The page's text, and each attachment's bytes when it has any: a page that only links its report is changed
    // when the attachment is, and a resubmission of both unchanged is a duplicate.
    private static string ContentHash(string normalized, IReadOnlyList<AttachmentRef> attachments)
    {
        var text = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return attachments.Count == 0
            ? text
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text + string.Concat(attachments.Select(a => "|" + a.Sha256)))));
    }

    // One report per body, year and type: the jurisdiction, plus the department for department reports, plus the type
    // when it is not the rule-of-law report (whose keys stay as they were stored before types existed).
    private static string IdentityKey(Oversight.Analysis.Metadata.ReportMetadata metadata) =>
        (metadata.Level == JurisdictionLevels.Department
            ? $"{metadata.JurisdictionCode}|{metadata.ReportYear}|{metadata.Issuer}"
            : $"{metadata.JurisdictionCode}|{metadata.ReportYear}")
        + (metadata.ReportType == Oversight.Analysis.Rules.ReportTypes.RuleOfLaw ? "" : "|" + metadata.ReportType);

    private static bool IsTextOrHtml(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("text/plain", StringComparison.OrdinalIgnoreCase) || media.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
    }

    private static string Shorten(string text, int length = 60) => text.Length <= length ? text : text[..length];

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
