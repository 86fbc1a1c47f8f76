using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>CreateKey's own faults: the name, role and scope before the caller is looked at, the expiry after.</summary>
public static class CreateKeyValidator
{
    private const int MaxNameLength = 100;

    /// <summary>The trimmed name, once name, role and scope are valid.</summary>
    public static string Validate(CreateKeyRequest request)
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
        return name;
    }

    /// <summary>The expiry, if any, once it lies after <paramref name="now"/>.</summary>
    public static DateTimeOffset? Expiry(CreateKeyRequest request, DateTimeOffset now)
    {
        DateTimeOffset? expiresAt = request.ExpiresAt is { } expiry ? expiry.ToDateTimeOffset() : null;
        if (expiresAt <= now)
        {
            throw Guard.Invalid(Reasons.ExpiryInvalid, Fields.Of<CreateKeyRequest>(CreateKeyRequest.ExpiresAtFieldNumber),
                "expires_at 已过去:请填写将来的时间,或不填表示不过期");
        }
        return expiresAt;
    }
}
