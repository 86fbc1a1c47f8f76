using Oversight.Access;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Access;

/// <summary>Creates a key inside the caller's scope (a service key only by an unscoped caller) and returns its secret once.</summary>
public sealed class KeyCreation(KeyAuthority authority, TimeProvider time)
{
    public async Task<CreateKeyResponse> CreateAsync(CreateKeyRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var name = CreateKeyValidator.Validate(request);
        if (request.Role == Roles.Service && caller.Scope.Length > 0)
        {
            throw AccessErrors.ServiceKeyNotAllowed(caller);
        }
        caller.RequireCovers(request.Scope, $"密钥范围 {AccessErrors.ScopeName(request.Scope)}",
            Fields.Of<CreateKeyRequest>(CreateKeyRequest.ScopeFieldNumber).JsonName);
        var expiresAt = CreateKeyValidator.Expiry(request, time.GetUtcNow());
        var (row, token) = await authority.CreateAsync(name, request.Role, request.Scope, expiresAt, caller, cancellationToken);
        return new CreateKeyResponse { Key = KeyMessages.Of(row), Secret = token };
    }
}
