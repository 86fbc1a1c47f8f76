using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Contracts.Access.V1;
using Contract = Oversight.Contracts.Access.V1.AccessService;

namespace Oversight.Compliance.Grpc;

/// <summary>oversight.access.v1.AccessService: keys inside the caller's scope, key verification for the other services, and the audit log.</summary>
public sealed class AccessGrpcService(KeyCreation creation, KeyRevocation revocation, KeyQueries keys, AuditQueries audit)
    : Contract.AccessServiceBase
{
    public override Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context) =>
        creation.CreateAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context) =>
        keys.ListAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ApiKey> RevokeKey(RevokeKeyRequest request, ServerCallContext context) =>
        revocation.RevokeAsync(request, context.Caller(), context.CancellationToken);

    public override Task<VerifyKeyResponse> VerifyKey(VerifyKeyRequest request, ServerCallContext context) =>
        keys.VerifyAsync(request, context.CancellationToken);

    public override Task<ListAuditResponse> ListAudit(ListAuditRequest request, ServerCallContext context) =>
        audit.ListAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ApiKey> GetCaller(GetCallerRequest request, ServerCallContext context) =>
        Task.FromResult(KeyMessages.Of(context.Caller()));
}
