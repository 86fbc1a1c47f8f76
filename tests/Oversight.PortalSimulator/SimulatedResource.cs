namespace Oversight.PortalSimulator;

/// <summary>
/// What one path of a simulated host answers. Mutable on purpose: a test changes a page (new content, a new ETag) between
/// two watch passes as a portal would.
/// </summary>
public sealed class SimulatedResource
{
    public int Status { get; set; } = 200;

    public byte[] Body { get; set; } = [];

    public string ContentType { get; set; } = "text/html; charset=utf-8";

    /// <summary>Sent as ETag; a request whose If-None-Match holds it gets 304.</summary>
    public string? ETag { get; set; }

    /// <summary>Sent as Last-Modified; a request whose If-Modified-Since is not earlier gets 304.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>Answer 302 to this address (relative or absolute) instead of the body.</summary>
    public string? RedirectTo { get; set; }

    /// <summary>Wait this long before answering (a slow server).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Send the headers and half the body, then nothing until the client gives up (a stalled server).</summary>
    public bool Stall { get; set; }

    /// <summary>Answer <see cref="FailStatus"/> to this many requests first (a server under load), then normally.</summary>
    public int FailFirst { get; set; }

    public int FailStatus { get; set; } = 503;

    /// <summary>Retry-After sent with the failures, when set.</summary>
    public TimeSpan? RetryAfter { get; set; }

    public static SimulatedResource Html(byte[] body, string charset = "utf-8", string? etag = null) =>
        new() { Body = body, ContentType = $"text/html; charset={charset}", ETag = etag };

    public static SimulatedResource Redirect(string to) => new() { Status = 302, RedirectTo = to };
}

/// <summary>One request as the simulated host saw it: when it arrived, and the status it was answered with.</summary>
public sealed record RequestRecord(string PathAndQuery, DateTimeOffset At, string? UserAgent, string? IfNoneMatch, string? IfModifiedSince, int Status);
