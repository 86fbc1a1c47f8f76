using Grpc.Core;

namespace Oversight.ServiceDefaults.Clients;

/// <summary>An API key sent as "authorization: Bearer …", asked for on each call so a key read lazily from a file is picked up.</summary>
public static class BearerToken
{
    public const string Header = "authorization";

    /// <summary>Call credentials that send <paramref name="token"/>'s value; null or empty sends no header.</summary>
    public static CallCredentials Credentials(Func<string?> token) => CallCredentials.FromInterceptor((_, metadata) =>
    {
        if (token() is { Length: > 0 } value)
        {
            metadata.Add(Header, "Bearer " + value);
        }
        return Task.CompletedTask;
    });
}
