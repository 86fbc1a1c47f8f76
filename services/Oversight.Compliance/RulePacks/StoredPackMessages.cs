using Google.Protobuf.WellKnownTypes;
using Oversight.Compliance.Storage;
using Oversight.Mapping;
using RulePack = Oversight.Analysis.Rules.RulePack;
using RulePackMessage = Oversight.Contracts.Compliance.V1.RulePack;

namespace Oversight.Compliance.RulePacks;

/// <summary>A pack as the contract's message (<see cref="RulePackMessages"/>), with who stored that version and when.</summary>
public static class StoredPackMessages
{
    public static RulePackMessage Of(RulePack pack, PackRow? row)
    {
        var message = RulePackMessages.ToMessage(pack);
        message.UpdatedBy = row?.UpdatedBy ?? "";
        message.UpdatedAt = row is null ? null : Timestamp.FromDateTimeOffset(row.UpdatedAt);
        return message;
    }
}
