using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>RevokeKey's own fault: no key named.</summary>
public static class RevokeKeyValidator
{
    public static void Validate(RevokeKeyRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.KeyId))
        {
            throw Guard.Invalid(Reasons.KeyIdMissing, Fields.Of<RevokeKeyRequest>(RevokeKeyRequest.KeyIdFieldNumber),
                "key_id 为空:请用 ListKeys 查看密钥编号(ovk_ 之后的 16 位)");
        }
    }
}

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
