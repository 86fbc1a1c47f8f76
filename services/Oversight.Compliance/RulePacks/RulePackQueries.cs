using Google.Protobuf.Reflection;
using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Checking;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;
using RulePackMessage = Oversight.Contracts.Compliance.V1.RulePack;

namespace Oversight.Compliance.RulePacks;

/// <summary>ListRulePacks (the packs in force that apply inside the caller's scope) and GetRulePack (any stored version).</summary>
public sealed class RulePackQueries(PackStore packStore, PacksInForce packs)
{
    public ListRulePacksResponse List(Caller caller)
    {
        var response = new ListRulePacksResponse();
        response.Packs.AddRange(packs.Packs.Where(p => caller.Overlaps(p.ScopePrefix)).Select(p => StoredPackMessages.Of(p, null)));
        return response;
    }

    public async Task<RulePackMessage> GetAsync(GetRulePackRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.PackId))
        {
            throw Guard.Invalid(Reasons.PackIdMissing, Fields.Of<GetRulePackRequest>(GetRulePackRequest.PackIdFieldNumber),
                "pack_id 为空:请用 ListRulePacks 查看已有规则包");
        }
        if (request.Version < 0)
        {
            throw Guard.Invalid(Reasons.VersionInvalid, Fields.Of<GetRulePackRequest>(GetRulePackRequest.VersionFieldNumber),
                $"version {request.Version} 无效:请填写 1 起的版本号,或 0 表示最新版本");
        }
        var row = await packStore.GetAsync(request.PackId, request.Version, cancellationToken)
            ?? throw new ServiceError(StatusCode.NotFound, Reasons.PackNotFound,
                $"未找到规则包 '{request.PackId}'{(request.Version == 0 ? "" : $" 第 {request.Version} 版")}:请用 ListRulePacks 查看",
                Fields.Of<GetRulePackRequest>(GetRulePackRequest.PackIdFieldNumber).JsonName).ToRpcException();
        if (!caller.Overlaps(row.ScopePrefix))
        {
            throw AccessErrors.OutOfScope(caller, $"规则包 {request.PackId}", Fields.Of<GetRulePackRequest>(GetRulePackRequest.PackIdFieldNumber).JsonName);
        }
        return StoredPackMessages.Of(RulePackYaml.Parse(row.Yaml) with { Version = row.Version }, row);
    }
}
