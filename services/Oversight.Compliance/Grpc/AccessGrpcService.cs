using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Access.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Storage;
using Oversight.Vocabulary;
using Contract = Oversight.Contracts.Access.V1.AccessService;

namespace Oversight.Compliance.Grpc;

/// <summary>oversight.access.v1.AccessService: keys inside the caller's scope, key verification for the other services, and the audit log.</summary>
public sealed class AccessGrpcService(KeyAuthority authority, KeyStore keys, AuditStore auditStore, PageTokens pageTokens,
    TimeProvider time) : Contract.AccessServiceBase
{
    private const int MaxNameLength = 100;

    public override async Task<CreateKeyResponse> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw Guard.Invalid(Reasons.KeyNameInvalid, Fields.Of<CreateKeyRequest>(CreateKeyRequest.NameFieldNumber),
                $"name 须为 1 至 {MaxNameLength} 个字符:请写明密钥给谁用,如 \"大同市司法局报送系统\"");
        }
        if (!Roles.IsKnown(request.Role))
        {
            throw Guard.Invalid(Reasons.RoleInvalid, Fields.Of<CreateKeyRequest>(CreateKeyRequest.RoleFieldNumber),
                $"role '{request.Role}' 无效:可选 {string.Join("、", Roles.All)}");
        }
        if (ScopeRules.PrefixError("scope", request.Scope) is { } scopeError)
        {
            throw Guard.Invalid(Reasons.ScopeInvalid, Fields.Of<CreateKeyRequest>(CreateKeyRequest.ScopeFieldNumber), scopeError);
        }
        var caller = context.Caller();
        if (request.Role == Roles.Service && caller.Scope.Length > 0)
        {
            throw AccessErrors.ServiceKeyNotAllowed(caller);
        }
        context.RequireCovers(request.Scope, $"密钥范围 {AccessErrors.ScopeName(request.Scope)}",
            Fields.Of<CreateKeyRequest>(CreateKeyRequest.ScopeFieldNumber).JsonName);
        DateTimeOffset? expiresAt = request.ExpiresAt is { } expiry ? expiry.ToDateTimeOffset() : null;
        if (expiresAt <= time.GetUtcNow())
        {
            throw Guard.Invalid(Reasons.ExpiryInvalid, Fields.Of<CreateKeyRequest>(CreateKeyRequest.ExpiresAtFieldNumber), "expires_at 已过去:请填写将来的时间,或不填表示不过期");
        }
        var (row, token) = await authority.CreateAsync(name, request.Role, request.Scope, expiresAt, caller, context.CancellationToken);
        return new CreateKeyResponse { Key = ToMessage(row), Secret = token };
    }

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var rows = await keys.ListAsync(context.Caller().Scope, context.CancellationToken);
        var response = new ListKeysResponse();
        response.Keys.AddRange(rows
            .Where(k => request.IncludeInactive || (k.RevokedAt is null && !(k.ExpiresAt <= now)))
            .Select(ToMessage));
        return response;
    }

    public override async Task<ApiKey> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.KeyId))
        {
            throw Guard.Invalid(Reasons.KeyIdMissing, Fields.Of<RevokeKeyRequest>(RevokeKeyRequest.KeyIdFieldNumber),
                "key_id 为空:请用 ListKeys 查看密钥编号(ovk_ 之后的 16 位)");
        }
        var row = await keys.GetAsync(request.KeyId, context.CancellationToken) ?? throw KeyNotFound(request.KeyId);
        var caller = context.Caller();
        context.RequireCovers(row.Scope, $"密钥 {request.KeyId}", KeyIdField);
        if (!await authority.RevokeAsync(row, caller, context.CancellationToken))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.KeyAlreadyRevoked, $"密钥 {row.KeyId} 已于 {row.RevokedAt} 吊销",
                KeyIdField).ToRpcException();
        }
        return ToMessage(await keys.GetAsync(row.KeyId, context.CancellationToken) ?? throw KeyNotFound(row.KeyId));
    }

    public override async Task<VerifyKeyResponse> VerifyKey(VerifyKeyRequest request, ServerCallContext context)
    {
        if (!ApiKeys.TryParse(request.Key.Trim(), out var keyId, out var secret))
        {
            return new VerifyKeyResponse { Refusal = Reasons.KeyInvalid };
        }
        var check = await authority.VerifyAsync(keyId, secret, context.CancellationToken);
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

    public override async Task<ListAuditResponse> ListAudit(ListAuditRequest request, ServerCallContext context)
    {
        if (request.Action.Length > 0 && !AuditActions.All.Contains(request.Action))
        {
            throw Guard.Invalid(Reasons.ActionInvalid, Fields.Of<ListAuditRequest>(ListAuditRequest.ActionFieldNumber),
                $"action '{request.Action}' 无效:可选 {string.Join("、",
                AuditActions.All)},或留空表示全部");
        }
        var since = Bound(request.Since, Fields.Of<ListAuditRequest>(ListAuditRequest.SinceFieldNumber));
        var until = Bound(request.Until, Fields.Of<ListAuditRequest>(ListAuditRequest.UntilFieldNumber));
        if (since > until)
        {
            throw Guard.Invalid(Reasons.AuditRangeInvalid, Fields.Of<ListAuditRequest>(ListAuditRequest.SinceFieldNumber), "since 晚于 until:请填写先后顺序正确的时间范围");
        }
        var caller = context.Caller();
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (before, limit) => auditStore.ListAsync(caller.Scope, request.Action, before, limit, context.CancellationToken, since, until).AsTask(), r => r.Seq);
        var response = new ListAuditResponse { NextPageToken = page.NextPageToken };
        response.Entries.AddRange(page.Rows.Select(r => new AuditEntry
        {
            Sequence = r.Seq, At = Timestamp.FromDateTimeOffset(r.At), Caller = r.Caller, Role = r.Role, Action = r.Action,
            Target = r.Target, Jurisdiction = r.Jurisdiction, Detail = r.Detail, Outcome = r.Outcome, Address = r.Address,
        }));
        return response;
    }

    public override Task<ApiKey> GetCaller(GetCallerRequest request, ServerCallContext context) => Task.FromResult(Describe(context.Caller()));

    private static DateTimeOffset? Bound(Timestamp? instant, FieldDescriptor field)
    {
        try
        {
            return instant?.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw Guard.Invalid(Reasons.AuditRangeInvalid, field, $"{field.Name} 不是有效时间:请填写 0001 至 9999 年之间的时间");
        }
    }

    private static ApiKey Describe(Caller caller) => new() { KeyId = caller.KeyId, Name = caller.Name, Role = caller.Role, Scope = caller.Scope };

    private static ApiKey ToMessage(KeyRow row) => new()
    {
        KeyId = row.KeyId, Name = row.Name, Role = row.Role, Scope = row.Scope, CreatedBy = row.CreatedBy,
        CreatedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
        ExpiresAt = row.ExpiresAt is { } expiresAt ? Timestamp.FromDateTimeOffset(expiresAt) : null,
        RevokedAt = row.RevokedAt is { } revokedAt ? Timestamp.FromDateTimeOffset(revokedAt) : null,
    };

    private static RpcException KeyNotFound(string keyId) =>
        new ServiceError(StatusCode.NotFound, Reasons.KeyNotFound, $"未找到密钥 '{keyId}':请用 ListKeys 查看", KeyIdField).ToRpcException();

    private static readonly string KeyIdField = Fields.Of<RevokeKeyRequest>(RevokeKeyRequest.KeyIdFieldNumber).JsonName;
}
