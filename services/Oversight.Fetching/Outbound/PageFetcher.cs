using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Oversight.Vocabulary;

namespace Oversight.Fetching.Outbound;

/// <summary>
/// Fetches one address: GET with the identifying User-Agent and, when validators are known, If-None-Match and
/// If-Modified-Since; follows up to <see cref="OutboundOptions.MaxRedirects"/> redirects to http or https addresses;
/// reads at most <see cref="OutboundOptions.MaxBytes"/> (decompressed) within <see cref="OutboundOptions.Timeout"/>.
/// Failures are <see cref="FetchException"/>s with stable reasons; an HTTP answer of any status is a result.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly OutboundOptions _options;
    private readonly TimeProvider _time;

    public PageFetcher(IOptions<OutboundOptions> options, TimeProvider time)
        : this(OutboundHttp.CreateHandler(new OutboundAddressPolicy(options.Value.AllowedNetworks), options.Value), options.Value, time)
    {
    }

    internal PageFetcher(HttpMessageHandler handler, OutboundOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<FetchedResource> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        if (!IsHttp(request.Address))
        {
            throw new FetchException(Reasons.UrlMalformed, $"网址 '{request.Address}' 不是 http:// 或 https:// 地址:请填写报告页面的完整网址");
        }
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FollowAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchException(Reasons.UrlTimedOut,
                $"获取 {request.Address} 超过 {_options.Timeout.TotalSeconds:0} 秒仍未完成:网站响应过慢,请稍后再试");
        }
        catch (HttpRequestException ex) when (Find<OutboundAddressRefusedException>(ex) is { } refused)
        {
            throw new FetchException(Reasons.UrlAddressRefused,
                $"网址 {request.Address} 的主机 {refused.Host} 指向内网、本机或保留地址({refused.Refusal}),平台不访问这些地址:请填写政府网站的公网地址",
                inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FetchException(Reasons.UrlUnreachable, $"无法连接 {request.Address}({ex.HttpRequestError}):请确认网址正确、网站可访问", inner: ex);
        }
    }

    private async Task<FetchedResource> FollowAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var address = request.Address;
        for (var redirects = 0; ; redirects++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, address);
            message.Headers.UserAgent.ParseAdd(_options.UserAgent);
            message.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
            // The validators held are the final page's (stored from its answer): they go with every hop.
            if (request.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                message.Headers.IfNoneMatch.Add(tag);
            }
            if (request.LastModified is { Length: > 0 } modified && DateTimeOffset.TryParse(modified, out var since))
            {
                message.Headers.IfModifiedSince = since;
            }
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(address, location);
                if (!IsHttp(next))
                {
                    throw new FetchException(Reasons.UrlMalformed, $"{address} 重定向到非 http(s) 地址 '{next}':请填写报告页面本身的网址");
                }
                if (!request.FollowRedirects)
                {
                    return new FetchedResource(request.Address, address, status, [], null, null, null, _time.GetUtcNow(), null, 0, next);
                }
                if (redirects >= _options.MaxRedirects)
                {
                    throw new FetchException(Reasons.UrlTooManyRedirects,
                        $"{request.Address} 重定向超过 {_options.MaxRedirects} 次:请填写最终的报告页面网址", status);
                }
                address = next;
                continue;
            }
            var content = status == 304 ? [] : await ReadBodyAsync(response, address, cancellationToken);
            return new FetchedResource(request.Address, address, status, content,
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"),
                _time.GetUtcNow(),
                RetryAfter(response),
                redirects);
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri address, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _options.MaxBytes)
        {
            throw TooLarge(address);
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes)
            {
                throw TooLarge(address);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private FetchException TooLarge(Uri address) =>
        new(Reasons.ContentTooLarge, $"{address} 的内容超过上限 {_options.MaxBytes} 字节:请填写报告页面本身的网址");

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => null,
        };

    private static bool IsHttp(Uri address) => address.IsAbsoluteUri && address.Scheme is "http" or "https";

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }
        return null;
    }

    public void Dispose() => _client.Dispose();
}
