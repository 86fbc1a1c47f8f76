using Oversight.Access;
using Oversight.Compliance.Storage;
using Microsoft.AspNetCore.Http;
using Oversight.Storage;

namespace Oversight.Compliance.Access;

/// <summary>
/// Who did what to which target, and when. Changes stored in one transaction write their entry in it
/// (<see cref="Entry"/> handed to the store); the rest record it beside the change.
/// </summary>
public sealed class AuditLog(AuditStore store, TimeProvider time, IHttpContextAccessor? requests = null)
{
    /// <summary>The caller of scheduled sweeps, which no key starts.</summary>
    public static Caller Scheduler { get; } = new("", "scheduler", Roles.Sweeper, "");

    /// <summary>The caller of keys created at first start, which no key creates.</summary>
    public static Caller Bootstrap { get; } = new("", "bootstrap", Roles.ProvinceAdmin, "");

    public Task RecordAsync(Caller caller, string action, string target, string jurisdiction, string detail, CancellationToken cancellationToken,
        string outcome = AuditOutcomes.Ok) =>
        store.AppendAsync(Entry(caller, action, target, jurisdiction, detail, outcome), cancellationToken).AsTask();

    /// <summary>An entry for a change by <paramref name="caller"/>, from the address of the call being served (none outside a call).</summary>
    public AuditRow Entry(Caller caller, string action, string target, string jurisdiction, string detail, string outcome = AuditOutcomes.Ok) => new()
    {
        Outcome = outcome,
        Address = requests?.HttpContext is { } http ? CallerAddress.Of(http) : "",
        At = SqlTime.Format(time.GetUtcNow()),
        Caller = caller.Label,
        Role = caller.Role,
        Action = action,
        Target = target,
        Jurisdiction = jurisdiction,
        Detail = detail.Length > 1000 ? detail[..1000] : detail,
    };
}
