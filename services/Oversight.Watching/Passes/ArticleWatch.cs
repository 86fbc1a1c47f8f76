using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Fetching.Outbound;
using Oversight.Fetching.Pages;
using Oversight.ServiceDefaults.Clients;
using Oversight.ServiceDefaults.Errors;
using Oversight.Watching.Discovery;
using Oversight.Watching.Politeness;
using Oversight.Watching.Storage;

namespace Oversight.Watching.Passes;

/// <summary>
/// One report article: fetched with the validators of the copy submitted before (a 304 costs nothing more), its
/// attachments fetched and kept, and submitted to ingestion — with the body's code, the year its title names and the
/// evidence of when the platform first saw it — only when the page or an attachment changed.
/// </summary>
public sealed class ArticleWatch(
    PoliteFetcher fetcher, WatchStore store, IngestionService.IngestionServiceClient ingestion, WatchingOptions options, WatchTelemetry telemetry,
    PassCounters counters, ILogger logger)
{
    public async Task WatchAsync(ReportLink link, CancellationToken cancellationToken)
    {
        var url = link.Article.AbsoluteUri;
        var row = await store.GetArticleAsync(url, cancellationToken);
        var submittedBefore = row?.ContentSha256 is not null;
        var result = await fetcher.FetchAsync(new FetchRequest(link.Article, submittedBefore ? row!.Etag : null, submittedBefore ? row!.LastModified : null),
            cancellationToken);
        if (result.Verdict == FetchVerdict.Disallowed)
        {
            // A report's link on a path robots.txt forbids is not ours to read.
            return;
        }
        counters.Found();
        if (result.Verdict == FetchVerdict.NotModified && submittedBefore)
        {
            telemetry.Report("unchanged");
            return;
        }
        if (result.Verdict != FetchVerdict.Fetched)
        {
            return;
        }
        var page = result.Resource!;
        var attachments = await FetchAttachmentsAsync(page, cancellationToken);
        var hash = Hash(page.Content, attachments);
        row ??= new ArticleRow
        {
            Url = url, BodyCode = link.Column.BodyCode, ReportType = link.Column.ReportType, ReportYear = link.Year, Title = link.Title,
            FirstSeenAt = page.FetchedAt,
        };
        row.LastFetchedAt = page.FetchedAt;
        if (hash == row.ContentSha256)
        {
            // New validators for the same bytes (a server that does not keep its ETags): remember them, submit nothing.
            (row.Etag, row.LastModified) = (page.ETag, page.LastModified);
            await store.SaveArticleAsync(row, cancellationToken);
            telemetry.Report("unchanged");
            return;
        }
        await SubmitAsync(link, row, page, attachments, hash, cancellationToken);
    }

    private async Task SubmitAsync(ReportLink link, ArticleRow row, FetchedResource page, List<Attachment> attachments, string hash,
        CancellationToken cancellationToken)
    {
        var request = new SubmitReportRequest
        {
            Content = ByteString.CopyFrom(page.Content),
            ContentType = page.ContentType ?? "",
            SourceUrl = page.FinalAddress.AbsoluteUri,
            // A department's code is its division's code and a suffix (140225-sfj): the report is the division's.
            JurisdictionCode = link.Column.BodyCode.Split('-')[0],
            ReportYear = link.Year,
            ClientReference = row.Url,
            Fetch = new FetchEvidence
            {
                RequestedUrl = page.RequestedAddress.AbsoluteUri, FinalUrl = page.FinalAddress.AbsoluteUri,
                FetchedAt = Timestamp.FromDateTimeOffset(page.FetchedAt),
                Etag = page.ETag ?? "", LastModified = page.LastModified ?? "", HttpStatus = page.Status,
                FirstSeenAt = Timestamp.FromDateTimeOffset(row.FirstSeenAt),
            },
            Attachments = { attachments },
        };
        try
        {
            var response = await ingestion.SubmitReportAsync(request, CallDeadline.In(options.SubmitTimeout, cancellationToken: cancellationToken));
            (row.ReportId, row.Revision, row.LastError) = (response.ReportId, response.Revision, null);
            counters.Submitted();
            telemetry.Report("submitted");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.ResourceExhausted
            or StatusCode.PermissionDenied)
        {
            // Ingestion will refuse the same bytes again: remember them, and try again only when the page changes.
            row.LastError = ServiceError.ReasonOf(ex) ?? ex.StatusCode.ToString();
            WatchingLog.Rejected(logger, row.Url, row.LastError, ex.Status.Detail);
            counters.Rejected();
            telemetry.Report("rejected");
        }
        catch (RpcException ex)
        {
            // Ingestion is away: nothing is remembered but the first sighting, so the next pass submits it.
            row.LastError = ServiceError.ReasonOf(ex) ?? ex.StatusCode.ToString();
            WatchingLog.SubmitFailed(logger, row.Url, row.LastError, ex.Status.Detail);
            await store.SaveArticleAsync(row, cancellationToken);
            counters.Failed();
            telemetry.Report("failed");
            return;
        }
        (row.ContentSha256, row.Etag, row.LastModified) = (hash, page.ETag, page.LastModified);
        await store.SaveArticleAsync(row, cancellationToken);
    }

    private async Task<List<Attachment>> FetchAttachmentsAsync(FetchedResource page, CancellationToken cancellationToken)
    {
        var kept = new List<Attachment>();
        var links = PageLinks.Read(page.Content, page.ContentType,
            page.FinalAddress).Where(l => PageLinks.IsAttachment(l.Address)).Take(options.MaxAttachments);
        foreach (var link in links)
        {
            var result = await fetcher.FetchAsync(new FetchRequest(link.Address), cancellationToken);
            if (result is { Verdict: FetchVerdict.Fetched, Resource: { } attachment })
            {
                kept.Add(new Attachment
                {
                    Url = attachment.FinalAddress.AbsoluteUri, LinkText = link.Text, ContentType = attachment.ContentType ?? "",
                    Content = ByteString.CopyFrom(attachment.Content),
                });
            }
        }
        return kept;
    }

    private static string Hash(byte[] page, IEnumerable<Attachment> attachments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(page);
        foreach (var attachment in attachments)
        {
            hash.AppendData(SHA256.HashData(attachment.Content.Span));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
