namespace Oversight.Fetching.Outbound;

/// <summary>Bound from "Outbound" in configuration: where the platform may fetch from, and how much.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// Networks (CIDR, e.g. "127.0.0.0/8", "10.20.0.0/16", "::1/128") that may be reached although they are loopback,
    /// private, link-local or otherwise not public. Public addresses need no listing. Empty: public addresses only.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Sent with every request, so a portal's operators can tell who fetched and whom to ask.</summary>
    public string UserAgent { get; set; } = "OversightBot/1.0 (+https://github.com/oversight; rule-of-law report oversight)";

    /// <summary>Largest response body read; a larger one is abandoned.</summary>
    public int MaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The longest one fetch may take, redirects and body included (a stalled response ends here).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a TCP connect may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirects followed before giving up.</summary>
    public int MaxRedirects { get; set; } = 5;
}
