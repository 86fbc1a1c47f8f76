using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Access.Tests;

/// <summary>Keys issued, used, revoked; services that verify remotely with no cache time see a revocation at once.</summary>
public sealed class KeyLifecycleTests : IAsyncLifetime
{
    private readonly AccessStack _stack = new(new Dictionary<string, string?> { ["Access:CacheTime"] = "00:00:00", ["Access:FailureLimit"] = "100000" });

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task RevokeKey_UsedBefore_RefusedEverywhereAndAudited()
    {
        var created = await _stack.Access(_stack.AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = "大同市", Role = Roles.CityOffice, Scope = "1402" });
        await _stack.Ingestion(created.Secret).ListReportsAsync(new ListReportsRequest());
        await _stack.Compliance(created.Secret).ListFindingsAsync(new ListFindingsRequest());

        var revoked = await _stack.Access(_stack.AdminKey).RevokeKeyAsync(new RevokeKeyRequest { KeyId = created.Key.KeyId });
        var atIngestion = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(created.Secret).ListReportsAsync(new ListReportsRequest()));
        var atCompliance = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Compliance(created.Secret).ListFindingsAsync(new ListFindingsRequest()));
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Access(_stack.AdminKey).RevokeKeyAsync(new RevokeKeyRequest { KeyId = created.Key.KeyId }));
        var active = await _stack.Access(_stack.AdminKey).ListKeysAsync(new ListKeysRequest());
        var all = await _stack.Access(_stack.AdminKey).ListKeysAsync(new ListKeysRequest { IncludeInactive = true });
        var audit = await _stack.Access(_stack.AdminKey).ListAuditAsync(new ListAuditRequest { Action = "key.revoke" });

        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal((StatusCode.Unauthenticated, "KEY_REVOKED"), (atIngestion.StatusCode, ServiceError.ReasonOf(atIngestion)));
        Assert.Equal((StatusCode.Unauthenticated, "KEY_REVOKED"), (atCompliance.StatusCode, ServiceError.ReasonOf(atCompliance)));
        Assert.Equal((StatusCode.FailedPrecondition, "KEY_ALREADY_REVOKED"), (again.StatusCode, ServiceError.ReasonOf(again)));
        Assert.DoesNotContain(active.Keys, k => k.KeyId == created.Key.KeyId);
        Assert.Contains(all.Keys, k => k.KeyId == created.Key.KeyId);
        Assert.Single(audit.Entries, e => e.Target == created.Key.KeyId);
    }

    [Fact]
    public async Task AccessService_BadRequests_InvalidArgumentSayingWhatToFix()
    {
        var access = _stack.Access(_stack.AdminKey);

        var role = await Assert.ThrowsAsync<RpcException>(async () => await access.CreateKeyAsync(new CreateKeyRequest { Name = "x", Role = "mayor" }));
        var name = await Assert.ThrowsAsync<RpcException>(async () =>
            await access.CreateKeyAsync(new CreateKeyRequest { Name = " ", Role = Roles.CityOffice }));
        var scope = await Assert.ThrowsAsync<RpcException>(async () =>
            await access.CreateKeyAsync(new CreateKeyRequest { Name = "x", Role = Roles.CityOffice, Scope = "14ab" }));
        var expiry = await Assert.ThrowsAsync<RpcException>(async () => await access.CreateKeyAsync(new CreateKeyRequest
        {
            Name = "x", Role = Roles.CityOffice, ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        }));
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await access.RevokeKeyAsync(new RevokeKeyRequest { KeyId = "0123456789abcdef" }));
        var noId = await Assert.ThrowsAsync<RpcException>(async () => await access.RevokeKeyAsync(new RevokeKeyRequest()));
        var action = await Assert.ThrowsAsync<RpcException>(async () => await access.ListAuditAsync(new ListAuditRequest { Action = "key.delete" }));

        Assert.Equal("ROLE_INVALID", ServiceError.ReasonOf(role));
        Assert.Contains("city_office", role.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("KEY_NAME_INVALID", ServiceError.ReasonOf(name));
        Assert.Equal("SCOPE_INVALID", ServiceError.ReasonOf(scope));
        Assert.Equal("EXPIRY_INVALID", ServiceError.ReasonOf(expiry));
        Assert.Equal((StatusCode.NotFound, "KEY_NOT_FOUND"), (missing.StatusCode, ServiceError.ReasonOf(missing)));
        Assert.Equal("KEY_ID_MISSING", ServiceError.ReasonOf(noId));
        Assert.Equal("ACTION_INVALID", ServiceError.ReasonOf(action));
        Assert.Contains("key.revoke", action.Status.Detail, StringComparison.Ordinal);
        Assert.All(new[] { role, name, scope, expiry, noId, action }, e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
    }

    [Fact]
    public async Task VerifyKey_ServiceKey_AnswersWhoseKeyAndRefusals()
    {
        var service = await _stack.CreateKeyAsync(Roles.Service, "");
        var city = await _stack.Access(_stack.AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = "大同市", Role = Roles.CityOffice, Scope = "1402" });

        var valid = await _stack.Access(service).VerifyKeyAsync(new VerifyKeyRequest { Key = city.Secret });
        var unknown = await _stack.Access(service).VerifyKeyAsync(new VerifyKeyRequest { Key = ApiKeys.Create().Token });
        var garbage = await _stack.Access(service).VerifyKeyAsync(new VerifyKeyRequest { Key = "Bearer nonsense" });

        Assert.Equal(("", city.Key.KeyId, Roles.CityOffice, "1402"), (valid.Refusal, valid.KeyId, valid.Role, valid.Scope));
        Assert.Equal("KEY_INVALID", unknown.Refusal);
        Assert.Equal("KEY_INVALID", garbage.Refusal);
    }

    [Fact]
    public async Task Ingestion_AccessServiceDown_UnavailableForKeysItHasNotVerified()
    {
        var key = await _stack.CreateKeyAsync(Roles.CityOffice, "1402");
        await _stack.StopComplianceAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _stack.Ingestion(key).ListReportsAsync(new ListReportsRequest()));

        Assert.Equal((StatusCode.Unavailable, "ACCESS_UNAVAILABLE"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.DoesNotContain(key, ex.Status.Detail, StringComparison.Ordinal);
    }
}
