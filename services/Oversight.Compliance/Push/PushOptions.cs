namespace Oversight.Compliance.Push;

/// <summary>Webhook deliveries ("Compliance:Push").</summary>
public sealed class PushOptions
{
    /// <summary>Whether this replica sends deliveries (every replica queues events; one that does not send leaves them to the others).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Refuse subscriptions whose URL is not https (switch off only where targets sit behind a TLS gateway of the deployment's own).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Networks in CIDR form ("10.20.0.0/16", "127.0.0.1/32") or single addresses that targets may be on although they are not
    /// public; empty: only public addresses (the rule of <see cref="Fetching.Outbound.OutboundAddressPolicy"/>).
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>How long one delivery may take, connection and answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often due deliveries are looked for (a new event wakes the dispatcher at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry's delay; each further one doubles it, plus up to half again of jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A subscription whose deliveries have failed for this long, with no success between, is paused.</summary>
    public TimeSpan PauseAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a claimed delivery is this replica's before another may send it again.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most subscriptions inside one scope (a caller sees and counts those inside its own scope).</summary>
    public int MaxSubscriptions { get; set; } = 100;
}
