using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Access.Tests;

/// <summary>What an auditor reads: every change with its outcome and source address, by time range, and nothing to change.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly AccessStack _stack = new();

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task ListAudit_AuditorOfAProvince_SeesItsChangesWithAddressAndOutcome()
    {
        var auditor = await _stack.CreateKeyAsync(Roles.Auditor, "14", "山西省审计");
        await _stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市");
        await _stack.CreateKeyAsync(Roles.CityOffice, "5425", "阿里地区");

        var entries = (await _stack.Access(auditor).ListAuditAsync(new ListAuditRequest { Action = "key.create" })).Entries;

        var entry = Assert.Single(entries, e => e.Detail.StartsWith("大同市", StringComparison.Ordinal));
        Assert.Equal(("1402", "ok", "127.0.0.1"), (entry.Jurisdiction, entry.Outcome, entry.Address));
        Assert.All(entries, e => Assert.StartsWith("14", e.Jurisdiction, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAudit_TimeRange_OnlyEntriesInside()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await _stack.CreateKeyAsync(Roles.CityOffice, "1402", "大同市");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        var access = _stack.Access(_stack.AdminKey);

        var inside = await access.ListAuditAsync(new ListAuditRequest
        {
            Action = "key.create", Since = Timestamp.FromDateTimeOffset(before), Until = Timestamp.FromDateTimeOffset(after),
        });
        var later = await access.ListAuditAsync(new ListAuditRequest { Action = "key.create", Since = Timestamp.FromDateTimeOffset(after) });
        var earlier = await access.ListAuditAsync(new ListAuditRequest { Action = "key.create", Until = Timestamp.FromDateTimeOffset(before) });
        var reversed = await Assert.ThrowsAsync<RpcException>(async () => await access.ListAuditAsync(
            new ListAuditRequest { Since = Timestamp.FromDateTimeOffset(after), Until = Timestamp.FromDateTimeOffset(before) }));

        Assert.Contains(inside.Entries, e => e.Target.Length > 0 && e.Jurisdiction == "1402");
        Assert.Empty(later.Entries);
        Assert.DoesNotContain(earlier.Entries, e => e.Jurisdiction == "1402");
        Assert.Equal((StatusCode.InvalidArgument, "AUDIT_RANGE_INVALID"), (reversed.StatusCode, ServiceError.ReasonOf(reversed)));
    }

    [Fact]
    public async Task WaiveFinding_Auditor_RoleNotAllowedAndTheRefusalLogged()
    {
        var auditor = await _stack.CreateKeyAsync(Roles.Auditor, "", "审计");

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Compliance(auditor).WaiveFindingAsync(new WaiveFindingRequest { FindingId = "f_any", Reason = "试图更改" }));

        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Contains(_stack.Logs.Entries, e => e.Message.Contains("Permission denied: 审计", StringComparison.Ordinal)
            && e.Message.Contains("from 127.0.0.1", StringComparison.Ordinal));
    }
}
