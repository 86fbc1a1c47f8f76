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
