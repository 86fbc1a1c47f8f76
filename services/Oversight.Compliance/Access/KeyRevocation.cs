using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>Revokes a key inside the caller's scope, once; answers with the key as stored after.</summary>
public sealed class KeyRevocation(KeyAuthority authority, KeyStore keys)
{
    public async Task<ApiKey> RevokeAsync(RevokeKeyRequest request, Caller caller, CancellationToken cancellationToken)
    {
        RevokeKeyValidator.Validate(request);
        var row = await keys.GetAsync(request.KeyId, cancellationToken) ?? throw KeyErrors.NotFound(request.KeyId);
        caller.RequireCovers(row.Scope, $"密钥 {request.KeyId}", KeyErrors.IdField);
        if (!await authority.RevokeAsync(row, caller, cancellationToken))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.KeyAlreadyRevoked, $"密钥 {row.KeyId} 已于 {row.RevokedAt} 吊销",
                KeyErrors.IdField).ToRpcException();
        }
        return KeyMessages.Of(await keys.GetAsync(row.KeyId, cancellationToken) ?? throw KeyErrors.NotFound(row.KeyId));
    }
}
