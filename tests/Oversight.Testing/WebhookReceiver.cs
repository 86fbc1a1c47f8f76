using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oversight.Testing;

/// <summary>One request a receiver got.</summary>
public sealed record ReceivedHook(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";

    /// <summary>
    /// Checks X-Oversight-Signature the way a receiver written from the contract would: HMAC-SHA256 keyed with the secret over
    /// "t." and the body, compared in constant time; the time within five minutes of <paramref name="now"/>.
    /// </summary>
    public bool SignatureValid(string secret, DateTimeOffset now)
    {
        var parts = Header("X-Oversight-Signature").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, out var seconds))
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(t + ".").Concat(Body).ToArray());
        return Math.Abs(now.ToUnixTimeSeconds() - seconds) <= 300
            && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }
}

/// <summary>A webhook receiver: Kestrel on 127.0.0.1 over HTTP/1.1, recording every request and answering as the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedHook> Received { get; } = new();

    /// <summary>The status to answer with, and the body.</summary>
    public (int Status, string Body) Answer { get; set; } = (200, "");

    public Uri Address { get; private set; } = null!;

    public string Url(string path = "/hook") => new Uri(Address, path).ToString();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            receiver.Received.Enqueue(new ReceivedHook(http.Request.Path + http.Request.QueryString, headers, body.ToArray()));
            var (status, answer) = receiver.Answer;
            http.Response.StatusCode = status;
            await http.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        receiver.Address = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
