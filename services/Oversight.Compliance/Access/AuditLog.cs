using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Storage;

namespace Oversight.Compliance.Access;

/// <summary>Writes who did what to which target, and when.</summary>
public sealed class AuditLog(AuditStore store, TimeProvider time)
{
    /// <summary>The caller of scheduled sweeps, which no key starts.</summary>
    public static Caller Scheduler { get; } = new("", "scheduler", Roles.Sweeper, "");

    public async Task RecordAsync(Caller caller, string action, string target, string jurisdiction, string detail, CancellationToken cancellationToken)
    {
        var row = new AuditRow
        {
            At = SqlTime.Format(time.GetUtcNow()),
            Caller = caller.Label,
            Role = caller.Role,
            Action = action,
            Target = target,
            Jurisdiction = jurisdiction,
            Detail = detail.Length > 1000 ? detail[..1000] : detail,
        };
        await store.AppendAsync(row, cancellationToken);
    }
}
