using System.Text;
using Microsoft.Extensions.Options;
using Oversight.Fetching.Outbound;
using Oversight.PortalSimulator;
using Oversight.Vocabulary;

namespace Oversight.Fetching.Tests;

/// <summary>The fetcher against a simulated portal on 127.0.0.1: real sockets, real Kestrel.</summary>
public sealed class PageFetcherTests : IAsyncLifetime
{
    private PortalSimulator.PortalSimulator _simulator = null!;

    private SimulatedHost Host => _simulator.Hosts[0];

    public async Task InitializeAsync() => _simulator = await PortalSimulator.PortalSimulator.StartAsync(1);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private static PageFetcher Fetcher(Action<OutboundOptions>? configure = null, params string[] allowed)
    {
        var options = new OutboundOptions { AllowedNetworks = [.. allowed], Timeout = TimeSpan.FromSeconds(10), UserAgent = "OversightTest/1.0 (+tests)" };
        configure?.Invoke(options);
        return new PageFetcher(Options.Create(options), TimeProvider.System);
    }

    private static byte[] Page(string text) => Encoding.UTF8.GetBytes($"<html><body>{text}</body></html>");

    [Fact]
    public async Task FetchAsync_LoopbackNotListed_RefusedBeforeAnyRequest()
    {
        Host.Put("/a.html", SimulatedResource.Html(Page("a")));
        using var fetcher = Fetcher();

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(Host["/a.html"]), CancellationToken.None));

        Assert.Equal(Reasons.UrlAddressRefused, ex.Reason);
        Assert.Empty(Host.Requests);
    }

    [Fact]
    public async Task FetchAsync_NameResolvingToLoopback_RefusedAtConnect()
    {
        using var fetcher = Fetcher();

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri($"http://localhost:{Host.Port}/a.html")),
            CancellationToken.None));

        Assert.Equal(Reasons.UrlAddressRefused, ex.Reason);
        Assert.Empty(Host.Requests);
    }

    [Fact]
    public async Task FetchAsync_Listed_BytesFinalAddressAndValidatorsKept()
    {
        var body = Page("报告");
        Host.Put("/old.html", SimulatedResource.Redirect("/mid.html")).Put("/mid.html", SimulatedResource.Redirect("/report.html"))
            .Put("/report.html", new SimulatedResource
            {
                Body = body, ETag = "\"v1\"", LastModified = new DateTimeOffset(2025, 3, 28, 1, 0, 0,
                TimeSpan.Zero)
            });
        using var fetcher = Fetcher(null, "127.0.0.0/8");

        var page = await fetcher.FetchAsync(new FetchRequest(Host["/old.html"]), CancellationToken.None);

        Assert.Equal((200, 2), (page.Status, page.Redirects));
        Assert.Equal(body, page.Content);
        Assert.Equal(Host["/report.html"], page.FinalAddress);
        Assert.Equal("\"v1\"", page.ETag);
        Assert.Equal("Fri, 28 Mar 2025 01:00:00 GMT", page.LastModified);
        Assert.All(Host.Requests, r => Assert.Equal("OversightTest/1.0 (+tests)", r.UserAgent));
    }

    [Fact]
    public async Task FetchAsync_ValidatorsSent_NotModified()
    {
        Host.Put("/r.html", new SimulatedResource { Body = Page("r"), ETag = "\"v1\"" });
        using var fetcher = Fetcher(null, "127.0.0.1");

        var first = await fetcher.FetchAsync(new FetchRequest(Host["/r.html"]), CancellationToken.None);
        var second = await fetcher.FetchAsync(new FetchRequest(Host["/r.html"], first.ETag, first.LastModified), CancellationToken.None);

        Assert.True(second.NotModified);
        Assert.Empty(second.Content);
        Assert.Equal("\"v1\"", Host.Requests.Last().IfNoneMatch);
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_RefusedAfterTheCap()
    {
        Host.Put("/loop.html", SimulatedResource.Redirect("/loop2.html")).Put("/loop2.html", SimulatedResource.Redirect("/loop.html"));
        using var fetcher = Fetcher(o => o.MaxRedirects = 3, "127.0.0.0/8");

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(Host["/loop.html"]), CancellationToken.None));

        Assert.Equal(Reasons.UrlTooManyRedirects, ex.Reason);
        Assert.Equal(4, Host.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_RedirectToAnotherScheme_Refused()
    {
        Host.Put("/ftp.html", SimulatedResource.Redirect("file:///etc/passwd"));
        using var fetcher = Fetcher(null, "127.0.0.0/8");

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(Host["/ftp.html"]), CancellationToken.None));

        Assert.Equal(Reasons.UrlMalformed, ex.Reason);
    }

    [Fact]
    public async Task FetchAsync_LargerThanTheCap_TooLarge()
    {
        Host.Put("/big.html", SimulatedResource.Html(new byte[300_000]));
        using var fetcher = Fetcher(o => o.MaxBytes = 100_000, "127.0.0.0/8");

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(Host["/big.html"]), CancellationToken.None));

        Assert.Equal(Reasons.ContentTooLarge, ex.Reason);
    }

    [Fact]
    public async Task FetchAsync_StalledBody_TimedOut()
    {
        Host.Put("/stall.html", new SimulatedResource { Body = Page(new string('x', 5000)), Stall = true });
        using var fetcher = Fetcher(o => o.Timeout = TimeSpan.FromMilliseconds(500), "127.0.0.0/8");

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(Host["/stall.html"]), CancellationToken.None));

        Assert.Equal(Reasons.UrlTimedOut, ex.Reason);
    }

    [Fact]
    public async Task FetchAsync_ServerErrors_ResultWithStatusAndRetryAfter()
    {
        Host.Put("/busy.html", new SimulatedResource { Body = Page("ok"), FailFirst = 1, FailStatus = 429, RetryAfter = TimeSpan.FromSeconds(7) });
        using var fetcher = Fetcher(null, "127.0.0.0/8");

        var busy = await fetcher.FetchAsync(new FetchRequest(Host["/busy.html"]), CancellationToken.None);
        var missing = await fetcher.FetchAsync(new FetchRequest(Host["/none.html"]), CancellationToken.None);

        Assert.Equal((429, TimeSpan.FromSeconds(7)), (busy.Status, busy.RetryAfter));
        Assert.Equal(Reasons.UrlStatus, Assert.Throws<FetchException>(() => missing.EnsureSuccess()).Reason);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_Unreachable()
    {
        var port = Oversight.Testing.FreePorts.Next();
        using var fetcher = Fetcher(null, "127.0.0.0/8");

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri($"http://127.0.0.1:{port}/")),
            CancellationToken.None));

        Assert.Equal(Reasons.UrlUnreachable, ex.Reason);
    }
}
