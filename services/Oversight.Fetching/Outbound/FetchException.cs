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

/// <summary>
/// An outbound connection <see cref="OutboundAddressPolicy"/> refused: the host as asked for, and why (Chinese). Each caller words
/// its own refusal (reason code, the setting to list the network in) around it.
/// </summary>
public sealed class OutboundAddressRefusedException(string host, string refusal) : IOException($"{host}: {refusal}")
{
    public string Host { get; } = host;

    public string Refusal { get; } = refusal;
}
