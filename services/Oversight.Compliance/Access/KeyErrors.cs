using Grpc.Core;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>Refusals about a named key, shared by RevokeKey's validator and handler.</summary>
internal static class KeyErrors
{
    public static readonly string IdField = Fields.Of<RevokeKeyRequest>(RevokeKeyRequest.KeyIdFieldNumber).JsonName;

    public static RpcException NotFound(string keyId) =>
        new ServiceError(StatusCode.NotFound, Reasons.KeyNotFound, $"未找到密钥 '{keyId}':请用 ListKeys 查看", IdField).ToRpcException();
}
