using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Access.V1;

namespace Oversight.Compliance.Access;

/// <summary>Keys, callers and audit rows as the access contract's messages.</summary>
internal static class KeyMessages
{
    public static ApiKey Of(KeyRow row) => new()
    {
        KeyId = row.KeyId, Name = row.Name, Role = row.Role, Scope = row.Scope, CreatedBy = row.CreatedBy,
        CreatedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
        ExpiresAt = row.ExpiresAt is { } expiresAt ? Timestamp.FromDateTimeOffset(expiresAt) : null,
        RevokedAt = row.RevokedAt is { } revokedAt ? Timestamp.FromDateTimeOffset(revokedAt) : null,
    };

    public static ApiKey Of(Caller caller) => new() { KeyId = caller.KeyId, Name = caller.Name, Role = caller.Role, Scope = caller.Scope };

    public static AuditEntry Of(AuditRow r) => new()
    {
        Sequence = r.Seq, At = Timestamp.FromDateTimeOffset(r.At), Caller = r.Caller, Role = r.Role, Action = r.Action,
        Target = r.Target, Jurisdiction = r.Jurisdiction, Detail = r.Detail, Outcome = r.Outcome, Address = r.Address,
    };
}
