namespace Oversight.Rpc.Client;

/// <summary>
/// A bearer token a channel adds to every call as "authorization: Bearer …" (per-call headers win).
/// The token is asked for on each call, so a key read lazily from a file, or replaced, is picked up.
/// </summary>
public sealed class CallCredentials
{
    public const string AuthorizationHeader = "authorization";

    private readonly Func<string?> _token;

    private CallCredentials(Func<string?> token) => _token = token;

    public static CallCredentials FromBearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new CallCredentials(() => token);
    }

    /// <summary>A token found when a call starts; null or empty sends no header.</summary>
    public static CallCredentials FromBearerToken(Func<string?> token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new CallCredentials(token);
    }

    internal string? HeaderValue() => _token() is { Length: > 0 } token ? "Bearer " + token : null;
}
