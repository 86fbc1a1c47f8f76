using Oversight.Contracts.Access.V1;
using Oversight.Rpc.Client;

namespace Oversight.Rpc.Clients;

/// <summary>Typed client for keys and the audit log (served by compliance); one method per RPC of the proto (checked by a test).</summary>
public sealed class AccessClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = AccessReflection.Descriptor.Services[0];

    private static readonly Method<CreateKeyRequest, CreateKeyResponse> CreateKeyMethod = Method<CreateKeyRequest, CreateKeyResponse>.FromDescriptor(Service.FindMethodByName("CreateKey"));
    private static readonly Method<ListKeysRequest, ListKeysResponse> ListKeysMethod = Method<ListKeysRequest, ListKeysResponse>.FromDescriptor(Service.FindMethodByName("ListKeys"));
    private static readonly Method<RevokeKeyRequest, ApiKey> RevokeKeyMethod = Method<RevokeKeyRequest, ApiKey>.FromDescriptor(Service.FindMethodByName("RevokeKey"));
    private static readonly Method<VerifyKeyRequest, VerifyKeyResponse> VerifyKeyMethod = Method<VerifyKeyRequest, VerifyKeyResponse>.FromDescriptor(Service.FindMethodByName("VerifyKey"));
    private static readonly Method<ListAuditRequest, ListAuditResponse> ListAuditMethod = Method<ListAuditRequest, ListAuditResponse>.FromDescriptor(Service.FindMethodByName("ListAudit"));

    public GrpcChannel Channel => channel;

    public AsyncUnaryCall<CreateKeyResponse> CreateKeyAsync(CreateKeyRequest request, CallOptions options = default) => channel.AsyncUnaryCall(CreateKeyMethod, request, options);

    public AsyncUnaryCall<ListKeysResponse> ListKeysAsync(ListKeysRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListKeysMethod, request, options);

    public AsyncUnaryCall<ApiKey> RevokeKeyAsync(RevokeKeyRequest request, CallOptions options = default) => channel.AsyncUnaryCall(RevokeKeyMethod, request, options);

    public AsyncUnaryCall<VerifyKeyResponse> VerifyKeyAsync(VerifyKeyRequest request, CallOptions options = default) => channel.AsyncUnaryCall(VerifyKeyMethod, request, options);

    public AsyncUnaryCall<ListAuditResponse> ListAuditAsync(ListAuditRequest request, CallOptions options = default) => channel.AsyncUnaryCall(ListAuditMethod, request, options);
}
