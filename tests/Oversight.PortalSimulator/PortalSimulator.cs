using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Oversight.PortalSimulator;

/// <summary>
/// A Kestrel app on 127.0.0.1 serving several simulated portals, one port each, over HTTP/1.1 as portals do. Every request
/// is recorded on its host before it is answered.
/// </summary>
public sealed class PortalSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<int, SimulatedHost> _byPort;

    private PortalSimulator(WebApplication app, IReadOnlyList<SimulatedHost> hosts)
    {
        _app = app;
        Hosts = hosts;
        _byPort = hosts.ToDictionary(h => h.Port);
    }

    public IReadOnlyList<SimulatedHost> Hosts { get; }

    public TimeProvider Time { get; private init; } = TimeProvider.System;

    public static async Task<PortalSimulator> StartAsync(int hostCount, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = null;
            for (var i = 0; i < hostCount; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        var app = builder.Build();
        PortalSimulator? simulator = null;
        app.Run(context => simulator!.ServeAsync(context));
        await app.StartAsync();
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToList();
        simulator = new PortalSimulator(app, [.. ports.Select(p => new SimulatedHost(p))]) { Time = time ?? TimeProvider.System };
        return simulator;
    }

    /// <summary>Every request every host received.</summary>
    public IEnumerable<(SimulatedHost Host, RequestRecord Request)> Requests => Hosts.SelectMany(h => h.Requests.Select(r => (h, r)));

    private async Task ServeAsync(HttpContext context)
    {
        var host = _byPort[context.Connection.LocalPort];
        host.Enter();
        // When the request arrived: what a host's rate is measured by.
        var arrived = Time.GetUtcNow();
        try
        {
            var status = await AnswerAsync(host, context);
            var headers = context.Request.Headers;
            host.Record(new RequestRecord(context.Request.Path + context.Request.QueryString, arrived,
                headers.UserAgent.ToString(), headers.IfNoneMatch.FirstOrDefault(), headers.IfModifiedSince.FirstOrDefault(), status));
        }
        finally
        {
            host.Leave();
        }
    }

    private static async Task<int> AnswerAsync(SimulatedHost host, HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var aborted = context.RequestAborted;
        if (request.Path == "/robots.txt")
        {
            return await WriteAsync(response, host.Robots is null ? 404 : 200, "text/plain; charset=utf-8",
                System.Text.Encoding.UTF8.GetBytes(host.Robots ?? ""), aborted);
        }
        var resource = host.Find(request.Path + request.QueryString, request.Path);
        if (resource is null)
        {
            return await WriteAsync(response, 404, "text/html; charset=utf-8", "<html><body>404</body></html>"u8.ToArray(), aborted);
        }
        if (resource.Delay > TimeSpan.Zero)
        {
            await Task.Delay(resource.Delay, aborted);
        }
        if (resource.FailFirst > 0)
        {
            resource.FailFirst--;
            if (resource.RetryAfter is { } retry)
            {
                response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return await WriteAsync(response, resource.FailStatus, "text/html; charset=utf-8", "<html><body>busy</body></html>"u8.ToArray(), aborted);
        }
        if (resource.RedirectTo is { } to)
        {
            response.StatusCode = resource.Status is >= 300 and < 400 ? resource.Status : 302;
            response.Headers.Location = to;
            return response.StatusCode;
        }
        if (resource.ETag is { } etag)
        {
            response.Headers.ETag = etag;
            if (request.Headers.IfNoneMatch.Contains(etag))
            {
                response.StatusCode = 304;
                return 304;
            }
        }
        if (resource.LastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToString("R");
            if (resource.ETag is null && DateTimeOffset.TryParse(request.Headers.IfModifiedSince, out var since) && since >= modified.AddSeconds(-1))
            {
                response.StatusCode = 304;
                return 304;
            }
        }
        if (resource.Stall)
        {
            response.StatusCode = resource.Status;
            response.ContentType = resource.ContentType;
            response.ContentLength = resource.Body.Length;
            await response.Body.WriteAsync(resource.Body.AsMemory(0, resource.Body.Length / 2), aborted);
            await response.Body.FlushAsync(aborted);
            // The rest never comes: the client's time cap must end this, not the server.
            await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
            return resource.Status;
        }
        return await WriteAsync(response, resource.Status, resource.ContentType, resource.Body, aborted);
    }

    private static async Task<int> WriteAsync(HttpResponse response, int status, string contentType, byte[] body, CancellationToken aborted)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, aborted);
        return status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
