using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Fetching.Outbound;
using Oversight.Fetching.Pages;
using Oversight.Ingestion.Attachments;
using Oversight.Ingestion.Intake;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.ByAddress;

/// <summary>
/// Turns a submission by address into one by content: fetches the page through the outbound fetcher (allowed addresses
/// only, bounded redirects, size and time caps), then the attachments it links, and records how (metadata.fetch). Fetch
/// evidence sent by a caller is the watcher's word, so only the service role may send it; attachment bytes any caller
/// may upload (they are read like fetched ones), but an attachment without bytes names only an address, which is the
/// platform's to fetch: from anyone but the service role it is refused like fetch evidence. A call bound to be refused
/// fetches nothing: malformed fields, and a stated jurisdiction_code outside the caller's scope, are refused first; a
/// caller limited to a scope who states no code has only the page fetched, and is refused by what the page says (a body
/// outside the scope, or none known while the page links attachments) before any attachment is fetched.
/// </summary>
public sealed class AddressedSubmissions(
    PageFetcher fetcher, ReportReader reader, IOptions<IngestionOptions> options, ILogger<AddressedSubmissions> logger)
{
    /// <summary>The request to read (the same one when it carries content, else one with the fetched page), or why not.</summary>
    public async Task<(SubmitReportRequest Request, ServiceError? Error)> ResolveAsync(SubmitReportRequest request, Caller caller,
        CancellationToken cancellationToken)
    {
        // Open access (loopback development, no keys: KeyId empty) has no one to tell apart, so it may send them too.
        if ((request.Fetch is not null || request.Attachments.Any(a => a.Content.IsEmpty)) && caller.Role != Roles.Service && caller.KeyId.Length > 0)
        {
            return (request, request.Fetch is not null
                ? new ServiceError(StatusCode.PermissionDenied, Reasons.FetchEvidenceNotAllowed,
                    "fetch 只由平台的网站监测服务填写:请去掉 fetch,或改用 url 提交,由平台抓取页面", "fetch")
                : new ServiceError(StatusCode.PermissionDenied, Reasons.FetchEvidenceNotAllowed,
                    "只有网址、没有字节的附件只由平台抓取:请附上附件文件的字节,或改用 url 提交,由平台抓取页面及其附件", "attachments"));
        }
        if (request.Url.Length == 0)
        {
            return (request, null);
        }
        if (!request.Content.IsEmpty)
        {
            return (request, new ServiceError(StatusCode.InvalidArgument, Reasons.UrlWithContent, "content 与 url 只能填写一个:请提交页面字节,或只填写页面网址", "url"));
        }
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            return (request, new ServiceError(StatusCode.InvalidArgument, Reasons.UrlMalformed,
                $"url '{Shorten(request.Url)}' 不是有效的网址:请填写报告页面的 http:// 或 https:// 地址", "url"));
        }
        // Nothing is fetched for a call bound to be refused: its own fields first (a malformed code is said as such, not
        // compared with the scope as if it were a place), then the body it states against the caller's scope.
        if ((ReportIntake.FieldError(request) ?? AttachmentReports.TooMany(request, options.Value.MaxAttachments)
            ?? SubmissionScope.Stated(request, caller)) is { } refused)
        {
            return (request, refused);
        }
        try
        {
            var page = (await fetcher.FetchAsync(new FetchRequest(address), cancellationToken)).EnsureSuccess();
            var links = PageLinks.Read(page.Content, page.ContentType, page.FinalAddress).Where(l => PageLinks.IsAttachment(l.Address))
                .Take(options.Value.MaxAttachments - request.Attachments.Count).ToList();
            // A caller limited to a scope who stated no code: the page says whose report it is, before any attachment is fetched.
            if (PageOutOfScope(request, page, links.Count > 0, caller) is { } outside)
            {
                return (request, outside);
            }
            var resolved = request.Clone();
            resolved.Url = "";
            resolved.Content = ByteString.CopyFrom(page.Content);
            resolved.ContentType = resolved.ContentType.Length > 0 ? resolved.ContentType : page.ContentType ?? "";
            resolved.SourceUrl = resolved.SourceUrl.Length > 0 ? resolved.SourceUrl : page.FinalAddress.AbsoluteUri;
            resolved.Fetch = Evidence(page);
            resolved.Fetch.FirstSeenAt = resolved.Fetch.FetchedAt;
            resolved.Attachments.AddRange(await FetchAttachmentsAsync(links, cancellationToken));
            return (resolved, null);
        }
        catch (FetchException ex)
        {
            return (request, ToError(ex));
        }
    }

    private ServiceError? PageOutOfScope(SubmitReportRequest request, FetchedResource page, bool linksAttachments, Caller caller)
    {
        if (request.JurisdictionCode.Length > 0 || caller.Covers(""))
        {
            return null;
        }
        var reading = reader.Read(new ReportInput(page.Content, request.ContentType.Length > 0 ? request.ContentType : page.ContentType,
            request.Charset.Length == 0 ? null : request.Charset, null, request.ReportYear == 0 ? null : request.ReportYear)).Reading;
        return SubmissionScope.ByPage(request, reading?.Metadata.JurisdictionCode, linksAttachments, caller,
            "页面所属辖区未能识别的报告(请填写 jurisdiction_code,平台先核对范围再抓取附件)");
    }

    /// <summary>The evidence a fetch leaves: addresses, time, status and validators.</summary>
    public static FetchEvidence Evidence(FetchedResource page) => new()
    {
        RequestedUrl = page.RequestedAddress.AbsoluteUri,
        FinalUrl = page.FinalAddress.AbsoluteUri,
        FetchedAt = Timestamp.FromDateTimeOffset(page.FetchedAt),
        Etag = page.ETag ?? "",
        LastModified = page.LastModified ?? "",
        HttpStatus = page.Status,
    };

    // Attachments are kept when they can be got; one that cannot (gone, too large) leaves the page as it is.
    private async Task<List<Attachment>> FetchAttachmentsAsync(IEnumerable<PageLink> links, CancellationToken cancellationToken)
    {
        var kept = new List<Attachment>();
        foreach (var link in links)
        {
            try
            {
                var fetched = (await fetcher.FetchAsync(new FetchRequest(link.Address), cancellationToken)).EnsureSuccess();
                kept.Add(new Attachment
                {
                    Url = fetched.FinalAddress.AbsoluteUri, LinkText = link.Text, ContentType = fetched.ContentType ?? "",
                    Content = ByteString.CopyFrom(fetched.Content),
                });
            }
            catch (FetchException ex)
            {
                IngestionLog.AttachmentSkipped(logger, link.Address.AbsoluteUri, ex.Reason, ex.Message);
            }
        }
        return kept;
    }

    /// <summary>A failed fetch as the refusal the caller gets.</summary>
    public static ServiceError ToError(FetchException ex) => new(ex.Reason switch
    {
        Reasons.UrlMalformed => StatusCode.InvalidArgument,
        Reasons.UrlUnreachable or Reasons.UrlTimedOut => StatusCode.Unavailable,
        Reasons.ContentTooLarge => StatusCode.ResourceExhausted,
        _ => StatusCode.FailedPrecondition,
    }, ex.Reason, ex.Message, "url");

    /// <summary>The stored attachment rows of a submission, with their hashes.</summary>
    public static IReadOnlyList<AttachmentRef> References(IEnumerable<Attachment> attachments) =>
        [.. attachments.Select(a => new AttachmentRef
        {
            Url = a.Url, LinkText = a.LinkText, ContentType = a.ContentType,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(a.Content.Span)), Size = a.Content.Length,
        })];

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200];
}
