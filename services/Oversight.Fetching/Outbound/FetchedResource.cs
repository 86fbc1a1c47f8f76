namespace Oversight.Fetching.Outbound;

/// <summary>
/// What a fetch asked for: the address, and the validators of the copy already held (a conditional GET). Without
/// <paramref name="FollowRedirects"/> a redirect is the result (its target in <see cref="FetchedResource.Location"/>), for a
/// caller that paces each hop itself.
/// </summary>
public sealed record FetchRequest(Uri Address, string? ETag = null, string? LastModified = null, bool FollowRedirects = true);

/// <summary>
/// One fetched resource as the server sent it: the original bytes (empty on 304), the final address after redirects,
/// when it was fetched and the HTTP validators to send next time. Any status is a result; callers decide what to do
/// with 404, 429 or 5xx (<see cref="EnsureSuccess"/> refuses them).
/// </summary>
public sealed record FetchedResource(
    Uri RequestedAddress,
    Uri FinalAddress,
    int Status,
    byte[] Content,
    string? ContentType,
    string? ETag,
    string? LastModified,
    DateTimeOffset FetchedAt,
    TimeSpan? RetryAfter,
    int Redirects,
    Uri? Location = null)
{
    /// <summary>The server said the copy held is still current (304).</summary>
    public bool NotModified => Status == 304;

    /// <summary>This resource when it is 200 or 304; a <see cref="FetchException"/> with URL_STATUS otherwise.</summary>
    public FetchedResource EnsureSuccess() =>
        Status is >= 200 and < 300 or 304
            ? this
            : throw new FetchException(Vocabulary.Reasons.UrlStatus,
                $"网址 {FinalAddress} 返回 HTTP {Status}:请确认页面地址有效、页面可公开访问", Status);
}
