using System.Text;
using Google.Protobuf;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Testing;

namespace Oversight.Access.Tests;

/// <summary>A 山西 (14) province administrator: changes inside 14 work and are audited; changes outside are refused.</summary>
public sealed class AdminScopeTests : IClassFixture<AdminScopeTests.Fixture>
{
    private readonly AccessStack _stack;
    private readonly string _shanxi;

    public AdminScopeTests(Fixture fixture)
    {
        _stack = fixture.Stack;
        _shanxi = fixture.ShanxiKey;
    }

    [Fact]
    public async Task WaiveFinding_InsideAndOutsideTheProvince_OnlyInsideChangesAndIsAudited()
    {
        // By the seeds' own codes: a sweep in another test of this class may add many NOT_DISCLOSED findings for 14.
        var admin = _stack.Compliance(_stack.AdminKey);
        var inside = (await admin.ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "140225", Status = "open" })).Findings.First();
        var outside = (await admin.ListFindingsAsync(new ListFindingsRequest { JurisdictionPrefix = "542521" })).Findings.First();

        var waived = await _stack.Compliance(_shanxi).WaiveFindingAsync(new WaiveFindingRequest { FindingId = inside.FindingId, Reason = "已在政府网站补充说明" });
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Compliance(_shanxi).WaiveFindingAsync(new WaiveFindingRequest { FindingId = outside.FindingId, Reason = "越权" }));
        var after = await _stack.Compliance(_stack.AdminKey).GetFindingAsync(new GetFindingRequest { FindingId = outside.FindingId });
        var audit = await _stack.Access(_shanxi).ListAuditAsync(new ListAuditRequest { Action = "finding.waive" });

        Assert.Equal("waived", waived.Status);
        Assert.Contains("山西省司法厅", waived.History.Last().Actor, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("open", after.Status);
        var entry = Assert.Single(audit.Entries, e => e.Target == inside.FindingId);
        Assert.Equal((Roles.ProvinceAdmin, inside.JurisdictionCode, "已在政府网站补充说明"), (entry.Role, entry.Jurisdiction, entry.Detail));
        Assert.StartsWith("山西省司法厅 (", entry.Caller, StringComparison.Ordinal);
        Assert.DoesNotContain(audit.Entries, e => e.Target == outside.FindingId);
    }

    [Fact]
    public async Task RunSweep_NoPrefix_TheProvinceOnly_AnotherProvince_Refused()
    {
        using var call = _stack.Compliance(_shanxi)
            .RunSweep(new RunSweepRequest { ReportYear = 2025, AsOf = new Contracts.Common.V1.Date { Year = 2026, Month = 4, Day = 2 } });
        Sweep? completed = null;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            completed = call.ResponseStream.Current.Completed ?? completed;
        }
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var other = _stack.Compliance(_shanxi).RunSweep(new RunSweepRequest { ReportYear = 2025, ScopePrefix = "54" });
            await other.ResponseStream.MoveNext(CancellationToken.None);
        });
        var audit = await _stack.Access(_shanxi).ListAuditAsync(new ListAuditRequest { Action = "sweep.run" });
        var listed = await _stack.Compliance(_shanxi).ListSweepsAsync(new ListSweepsRequest());

        Assert.Equal("14", completed!.ScopePrefix);
        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (refused.StatusCode, ServiceError.ReasonOf(refused)));
        Assert.Contains(audit.Entries, e => e.Target == completed.SweepId && e.Jurisdiction == "14");
        Assert.All(listed.Sweeps, s => Assert.StartsWith("14", s.ScopePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertRulePack_ScopeOutsideTheProvince_Refused()
    {
        var yaml = RulePackYaml("xizang-extra", "54");

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Compliance(_shanxi).UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = yaml }));
        var packs = await _stack.Compliance(_stack.AdminKey).ListRulePacksAsync(new ListRulePacksRequest());

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.DoesNotContain(packs.Packs, p => p.PackId == "xizang-extra");
    }

    [Fact]
    public async Task UpsertRulePack_ReplacingAPackOfAWiderScope_RefusedAndThePackUnchanged()
    {
        var before = (await _stack.Compliance(_stack.AdminKey).ListRulePacksAsync(new ListRulePacksRequest())).Packs.Single(p => p.PackId == "national");

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Compliance(_shanxi).UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = RulePackYaml("national", "1401") }));
        var after = (await _stack.Compliance(_stack.AdminKey).ListRulePacksAsync(new ListRulePacksRequest())).Packs.Single(p => p.PackId == "national");
        var audit = await _stack.Access(_stack.AdminKey).ListAuditAsync(new ListAuditRequest { Action = "rulepack.upsert" });

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (ex.StatusCode, ServiceError.ReasonOf(ex)));
        Assert.Equal((before.Version, before.ScopePrefix), (after.Version, after.ScopePrefix));
        Assert.DoesNotContain(audit.Entries, e => e.Target.StartsWith("national@", StringComparison.Ordinal)
            && e.Caller.StartsWith("山西省司法厅", StringComparison.Ordinal));
        Assert.Contains(_stack.Logs.Entries, e => e.Message.Contains("Scope refused", StringComparison.Ordinal)
            && e.Message.Contains("UpsertRulePack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertRulePack_InsideTheProvince_StoredAndAudited()
    {
        var response = await _stack.Compliance(_shanxi).UpsertRulePackAsync(new UpsertRulePackRequest { Yaml = RulePackYaml("linfen-extra", "1410") });
        var audit = await _stack.Access(_shanxi).ListAuditAsync(new ListAuditRequest { Action = "rulepack.upsert" });

        Assert.Equal("created", response.Outcome);
        Assert.Contains(audit.Entries, e => e.Target == "linfen-extra@1" && e.Jurisdiction == "1410");
    }

    [Fact]
    public async Task ImportRegistry_RowOutsideTheProvince_RowErrorOthersStoredAndAudited()
    {
        var csv =
            "code,name,level,parent_code,kind,must_report\n140225-zfb,浑源县住房和城乡建设局,department,140225,department,true\n" +
            "542521-sfj,普兰县司法局,department,542521,department,true\n";
        using var call = _stack.Compliance(_shanxi).ImportRegistry();
        await call.RequestStream.WriteAsync(new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(Encoding.UTF8.GetBytes(csv)) });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        var audit = await _stack.Access(_shanxi).ListAuditAsync(new ListAuditRequest { Action = "registry.import" });

        Assert.Equal(1, response.Inserted);
        var error = Assert.Single(response.Errors);
        Assert.Equal((3L, "SCOPE_NOT_COVERED"), (error.Line, error.Reason));
        Assert.Contains(audit.Entries, e => e.Jurisdiction == "14" && e.Detail.Contains("inserted 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListRegistry_NoPrefix_TheProvinceOnly()
    {
        var listed = await _stack.Compliance(_shanxi).ListRegistryAsync(new ListRegistryRequest { PageSize = 200 });

        Assert.NotEmpty(listed.Bodies);
        Assert.All(listed.Bodies, b => Assert.StartsWith("14", b.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateKey_WiderThanOwnScope_Refused_InsideIssuedAndAudited()
    {
        var wider = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Access(_shanxi).CreateKeyAsync(new CreateKeyRequest { Name = "全国", Role = Roles.ProvinceAdmin, Scope = "" }));
        var issued = await _stack.Access(_shanxi).CreateKeyAsync(new CreateKeyRequest { Name = "大同市报送系统", Role = Roles.CityOffice, Scope = "1402" });
        var keys = await _stack.Access(_shanxi).ListKeysAsync(new ListKeysRequest());
        var audit = await _stack.Access(_shanxi).ListAuditAsync(new ListAuditRequest { Action = "key.create" });

        Assert.Equal((StatusCode.PermissionDenied, "SCOPE_NOT_COVERED"), (wider.StatusCode, ServiceError.ReasonOf(wider)));
        Assert.StartsWith("ovk_" + issued.Key.KeyId + "_", issued.Secret, StringComparison.Ordinal);
        Assert.Contains(keys.Keys, k => k.KeyId == issued.Key.KeyId);
        Assert.All(keys.Keys, k => Assert.StartsWith("14", k.Scope, StringComparison.Ordinal));
        Assert.Contains(audit.Entries, e => e.Target == issued.Key.KeyId);
        Assert.DoesNotContain(audit.Entries, e => e.Detail.Contains(issued.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateKey_ServiceRoleByAProvinceAdmin_PermissionDeniedAndNothingIssued()
    {
        // A service key is not limited per key (CALLER_RATE_LIMITED never applies): a scoped admin must not mint one.
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Access(_shanxi).CreateKeyAsync(new CreateKeyRequest { Name = "山西服务", Role = Roles.Service, Scope = "14" }));
        var national = await _stack.Access(_stack.AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = "全国服务", Role = Roles.Service, Scope = "" });
        var keys = await _stack.Access(_stack.AdminKey).ListKeysAsync(new ListKeysRequest { IncludeInactive = true });

        Assert.Equal((StatusCode.PermissionDenied, "SERVICE_KEY_NOT_ALLOWED"), (refused.StatusCode, ServiceError.ReasonOf(refused)));
        Assert.Contains("全国", refused.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.Keys, k => k.Name == "山西服务");
        Assert.Contains(keys.Keys, k => k.KeyId == national.Key.KeyId && k.Role == Roles.Service);
    }

    [Fact]
    public async Task RevokeKey_KeyOfAnotherProvince_Refused()
    {
        var tibet = await _stack.Access(_stack.AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = "阿里地区", Role = Roles.CityOffice, Scope = "5425" });

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _stack.Access(_shanxi).RevokeKeyAsync(new RevokeKeyRequest { KeyId = tibet.Key.KeyId }));
        var stillWorks = await _stack.Compliance(tibet.Secret).ListFindingsAsync(new ListFindingsRequest());

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.All(stillWorks.Findings, f => Assert.StartsWith("5425", f.JurisdictionCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAudit_ProvinceAdmin_NeverSeesAnotherProvincesEntries()
    {
        await _stack.Access(_stack.AdminKey).CreateKeyAsync(new CreateKeyRequest { Name = "拉萨", Role = Roles.CityOffice, Scope = "5401" });

        var audit = await _stack.Access(_shanxi).ListAuditAsync(new ListAuditRequest { PageSize = 500 });
        var national = await _stack.Access(_stack.AdminKey).ListAuditAsync(new ListAuditRequest { PageSize = 500 });

        Assert.All(audit.Entries, e => Assert.StartsWith("14", e.Jurisdiction, StringComparison.Ordinal));
        Assert.Contains(national.Entries, e => e.Jurisdiction == "5401");
    }

    private static string RulePackYaml(string id, string scope) => $"""
        packId: {id}
        version: 1
        name: 测试规则包
        description: 测试
        scopePrefix: "{scope}"
        yearFrom: 2025
        yearTo: 0
        sections:
          - kind: suggestions
            missingSeverity: warning
            notDedicatedSeverity: ""
        """;

    public sealed class Fixture : IAsyncLifetime
    {
        public AccessStack Stack { get; } = new();

        public string ShanxiKey { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await Stack.InitializeAsync();
            await Stack.SubmitSeedsAsync();
            ShanxiKey = await Stack.CreateKeyAsync(Roles.ProvinceAdmin, "14", "山西省司法厅");
        }

        public Task DisposeAsync() => Stack.DisposeAsync();
    }
}
