using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Oversight.Fetching.Outbound;

namespace Oversight.Compliance.Push;

/// <summary>
/// Sends one delivery: no proxy (it would connect for us, past the address check), no redirects (a receiver cannot send
/// us elsewhere), a timeout for the whole exchange, and at most <see cref="MaxAnswerBytes"/> of the answer read.
/// </summary>
public sealed class PushSender : IDisposable
{
    public const int MaxAnswerBytes = 4096;

    private readonly HttpClient _client;
    private readonly PushRenderer _renderer;
    private readonly TimeProvider _time;

    public PushSender(IOptions<PushOptions> options, OutboundAddressPolicy policy, PushRenderer renderer, TimeProvider time)
    {
        _renderer = renderer;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = policy.ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.Value.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = 64,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { Timeout = options.Value.Timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Oversight-Push/1.0");
    }

    /// <summary>Null when the receiver took it (2xx, and for a bot an errcode of 0); else what went wrong, in Chinese.</summary>
    public async Task<string?> SendAsync(SubscriptionRow subscription, PushEventRow e, string deliveryId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rendered = _renderer.Render(subscription, e, now.ToUnixTimeMilliseconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, rendered.Url) { Content = new ByteArrayContent(rendered.Body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(rendered.ContentType);
        request.Headers.Add(PushSignature.Header, PushSignature.Sign(subscription.Secret, now.ToUnixTimeSeconds(), rendered.Body));
        request.Headers.Add("X-Oversight-Delivery", deliveryId);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var answer = await ReadBoundedAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}:{Excerpt(answer)}";
            }
            return subscription.Format == PushFormats.CloudEvents ? null : BotRefusal(answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"超时:{_client.Timeout.TotalSeconds:0.#} 秒内未答复";
        }
        catch (HttpRequestException ex)
        {
            return ex.InnerException is OutboundAddressRefusedException refused ? PushMessages.TargetRefused(refused) : $"连接失败:{ex.Message}";
        }
        catch (IOException ex)
        {
            return $"连接失败:{ex.Message}";
        }
    }

    /// <summary>企业微信 and 钉钉 answer 200 with {"errcode":…,"errmsg":…}; anything but errcode 0 is a failure.</summary>
    private static string? BotRefusal(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return json.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt64() == 0
                ? null
                : $"机器人拒收:{Excerpt(answer)}";
        }
        catch (JsonException)
        {
            return $"机器人答复不是 JSON:{Excerpt(answer)}";
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Excerpt(string answer) => answer.Length > 200 ? answer[..200] + "…" : answer;

    public void Dispose() => _client.Dispose();
}
