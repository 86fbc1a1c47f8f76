using Oversight.Vocabulary;

namespace Oversight.Access;

/// <summary>
/// The answer about one presented key: whose it is and until when, or why it is refused (<see cref="Reasons.KeyInvalid"/>,
/// <see cref="Reasons.KeyRevoked"/> or <see cref="Reasons.KeyExpired"/>).
/// </summary>
public sealed record KeyCheck(Caller? Caller, string Refusal, DateTimeOffset? ExpiresAt)
{
    public static KeyCheck Valid(Caller caller, DateTimeOffset? expiresAt) => new(caller, "", expiresAt);

    public static KeyCheck Refused(string refusal) => new(null, refusal, null);
}

/// <summary>Looks a presented key up where keys are kept: the key store (compliance) or the access service (the others).</summary>
public interface ICallerVerifier
{
    /// <summary>Throws RpcException (UNAVAILABLE) only when the answer cannot be had; an unknown key is a refusal, not an error.</summary>
    Task<KeyCheck> VerifyAsync(string keyId, string secret, CancellationToken cancellationToken);
}
