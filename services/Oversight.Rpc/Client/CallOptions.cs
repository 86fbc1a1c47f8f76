namespace Oversight.Rpc.Client;

/// <summary>Per-call settings.</summary>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default)
{
    /// <summary>Overrides the channel's request compression for this call ("gzip", "identity").</summary>
    public string? Compression { get; init; }

    public static CallOptions WithTimeout(TimeSpan timeout, Metadata? headers = null, CancellationToken cancellationToken = default) =>
        new(headers, DateTime.UtcNow.Add(timeout), cancellationToken);
}
