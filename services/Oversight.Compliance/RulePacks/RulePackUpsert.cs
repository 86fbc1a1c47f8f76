using Google.Protobuf.Reflection;
using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Access;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.Mapping;
using Oversight.ServiceDefaults.Errors;
using Oversight.Storage;
using Oversight.Vocabulary;
using RulePack = Oversight.Analysis.Rules.RulePack;

namespace Oversight.Compliance.RulePacks;

/// <summary>
/// UpsertRulePack: a pack checked (its own faults, against the packs in force, the caller's scope over the new and the
/// replaced pack), stored as the next version with its audit entry in one transaction, and loaded. A pack equal to the
/// latest version changes nothing; validate_only stores nothing.
/// </summary>
public sealed class RulePackUpsert(PackStore packStore, PacksInForce packs, AuditLog audit, TimeProvider time)
{
    public async Task<UpsertRulePackResponse> UpsertAsync(UpsertRulePackRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var field = SourceField(request).JsonName;
        var pack = Validate(request, caller, packs.Packs, cancellationToken);
        var latest = await packStore.GetAsync(pack.PackId, 0, cancellationToken);
        if (latest is not null)
        {
            // Replacing a pack changes what it applies to now: the caller must cover that scope as well as the new one.
            caller.RequireCovers(latest.ScopePrefix, $"被替换的规则包 {pack.PackId} 现有的适用范围 {AccessErrors.ScopeName(latest.ScopePrefix)}", field);
        }
        RequireExpectedVersion(request, pack.PackId, latest?.Version ?? 0);
        var previous = latest is null ? null : RulePackYaml.Parse(latest.Yaml) with { Version = latest.Version };
        if (previous is not null && RulePackYaml.Write(previous with { Version = 0 }) == RulePackYaml.Write(pack with { Version = 0 }))
        {
            return new UpsertRulePackResponse { Pack = StoredPackMessages.Of(previous, latest), Outcome = request.ValidateOnly ? "valid" : "unchanged" };
        }
        var stored = pack with { Version = (previous?.Version ?? 0) + 1 };
        if (request.ValidateOnly)
        {
            return new UpsertRulePackResponse { Pack = StoredPackMessages.Of(stored, null), Outcome = "valid" };
        }
        var row = new PackRow
        {
            PackId = stored.PackId, Version = stored.Version, ScopePrefix = stored.ScopePrefix, Yaml = RulePackYaml.Write(stored),
            UpdatedAt = time.GetUtcNow(), UpdatedBy = caller.Label,
        };
        if (!await packStore.InsertAsync(row, Entry(caller, previous, stored), cancellationToken))
        {
            throw new ServiceError(StatusCode.Aborted, Reasons.PackChangedConcurrently, $"规则包 '{pack.PackId}' 刚被其他人更新:请重新读取后再提交", field).ToRpcException();
        }
        await packs.LoadAsync(cancellationToken);
        return new UpsertRulePackResponse { Pack = StoredPackMessages.Of(stored, row), Outcome = previous is null ? "created" : "updated" };
    }

    /// <summary>The pack a request sends, or INVALID_ARGUMENT / PERMISSION_DENIED saying what to fix.</summary>
    public static RulePack Validate(UpsertRulePackRequest request, Caller caller, IReadOnlyList<RulePack> inForce, CancellationToken cancellationToken)
    {
        var field = SourceField(request);
        RulePack pack;
        try
        {
            pack = request.SourceCase switch
            {
                UpsertRulePackRequest.SourceOneofCase.Yaml => RulePackYaml.Parse(request.Yaml, cancellationToken),
                UpsertRulePackRequest.SourceOneofCase.Pack => RulePackYaml.Bounded(RulePackMessages.FromMessage(request.Pack)),
                _ => throw Guard.Invalid(Reasons.PackMissing, field, "请提供规则包:pack 或 yaml 二选一"),
            };
        }
        catch (RulePackException ex)
        {
            throw Guard.Invalid(ex.Reason, field, RulePackYaml.Describe(ex.Problems));
        }
        caller.RequireCovers(pack.ScopePrefix, $"规则包 {pack.PackId} 的适用范围 {AccessErrors.ScopeName(pack.ScopePrefix)}", field.JsonName);
        var problems = RulePackValidation.Problems(pack, inForce);
        if (problems.Count > 0)
        {
            throw Guard.Invalid(Reasons.PackInvalid, field, RulePackYaml.Describe(problems));
        }
        return pack;
    }

    // Two administrators editing the same version: the second to save is told, instead of silently replacing the first's change.
    // Without expected_version the latest is replaced whatever it is, as callers written before the field expect.
    private static void RequireExpectedVersion(UpsertRulePackRequest request, string packId, int latestVersion)
    {
        if (request.HasExpectedVersion && request.ExpectedVersion != latestVersion)
        {
            var now = latestVersion == 0 ? "尚未保存过" : $"最新为第 {latestVersion} 版";
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.PackVersionMismatch,
                $"规则包 '{packId}' 已被修改:提交所依据的是第 {request.ExpectedVersion} 版,现在{now}。请重新读取规则包,在最新版本上修改后再提交",
                Fields.Of<UpsertRulePackRequest>(UpsertRulePackRequest.ExpectedVersionFieldNumber).JsonName).ToRpcException();
        }
    }

    // The pack is sent as YAML or as a message: the field at fault is the one sent (pack when neither).
    private static FieldDescriptor SourceField(UpsertRulePackRequest request) => Fields.Of<UpsertRulePackRequest>(
        request.SourceCase == UpsertRulePackRequest.SourceOneofCase.Yaml ? UpsertRulePackRequest.YamlFieldNumber : UpsertRulePackRequest.PackFieldNumber);

    // Under the wider of the old and new scopes, so those who oversee either see the change.
    private AuditRow Entry(Caller caller, RulePack? previous, RulePack stored)
    {
        var scope = previous is not null && previous.ScopePrefix.Length < stored.ScopePrefix.Length ? previous.ScopePrefix : stored.ScopePrefix;
        var change = previous is null ? "created" : $"updated from version {previous.Version}"
            + (previous.ScopePrefix == stored.ScopePrefix ? "" : $", scope {previous.ScopePrefix} -> {stored.ScopePrefix}");
        return audit.Entry(caller, AuditActions.RulePackUpsert, $"{stored.PackId}@{stored.Version}", scope, change);
    }
}
