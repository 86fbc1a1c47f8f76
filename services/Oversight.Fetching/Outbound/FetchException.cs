namespace Oversight.Fetching.Outbound;

/// <summary>
/// A fetch that did not produce a response to use: the stable reason (Oversight.Vocabulary Reasons.Url*, or
/// CONTENT_TOO_LARGE), a message in Chinese saying what to fix, and the HTTP status when the server answered.
/// </summary>
public sealed class FetchException(string reason, string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;

    public int? Status { get; } = status;
}

/// <summary>Thrown inside the connect callback when no address the name resolves to may be reached.</summary>
internal sealed class AddressRefusedException(string host, IReadOnlyList<System.Net.IPAddress> addresses)
    : Exception($"{host} resolves only to addresses outside the allowed networks: {string.Join(", ", addresses)}")
{
    public string Host { get; } = host;
}
