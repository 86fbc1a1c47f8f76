using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Access.V1;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>ListKeys and VerifyKey: the keys inside the caller's scope, and a key checked for the other services.</summary>
public sealed class KeyQueries(KeyAuthority authority, KeyStore keys, TimeProvider time)
{
    public async Task<ListKeysResponse> ListAsync(ListKeysRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await keys.ListAsync(caller.Scope, cancellationToken);
        var response = new ListKeysResponse();
        response.Keys.AddRange(rows
            .Where(k => request.IncludeInactive || (k.RevokedAt is null && !(k.ExpiresAt <= now)))
            .Select(KeyMessages.Of));
        return response;
    }

    public async Task<VerifyKeyResponse> VerifyAsync(VerifyKeyRequest request, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(request.Key.Trim(), out var keyId, out var secret))
        {
            return new VerifyKeyResponse { Refusal = Reasons.KeyInvalid };
        }
        var check = await authority.VerifyAsync(keyId, secret, cancellationToken);
        if (check.Caller is not { } caller)
        {
            return new VerifyKeyResponse { Refusal = check.Refusal, KeyId = keyId };
        }
        return new VerifyKeyResponse
        {
            KeyId = caller.KeyId, Name = caller.Name, Role = caller.Role, Scope = caller.Scope,
            ExpiresAt = check.ExpiresAt is { } expiry ? Timestamp.FromDateTimeOffset(expiry) : null,
        };
    }
}
