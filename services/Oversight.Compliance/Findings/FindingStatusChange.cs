using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Rules;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Storage;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Findings;

/// <summary>What WaiveFinding and ReopenFinding ask: a finding, its new status and why.</summary>
public sealed record FindingStatusRequest(string FindingId, string Reason, string Status)
{
    public string Action => Status == FindingStatus.Waived ? "waive" : "reopen";

    public static FindingStatusRequest Waive(WaiveFindingRequest request) => new(request.FindingId, request.Reason, FindingStatus.Waived);

    public static FindingStatusRequest Reopen(ReopenFindingRequest request) => new(request.FindingId, request.Reason, FindingStatus.Open);
}

/// <summary>Waives or reopens a finding inside the caller's scope: the status, its history row and the audit entry in one transaction.</summary>
public sealed class FindingStatusChange(FindingStore findings, FindingMessages messages, AuditLog audit, TimeProvider time)
{
    public async Task<Finding> ChangeAsync(FindingStatusRequest request, Caller caller, CancellationToken cancellationToken)
    {
        FindingStatusValidator.Validate(request);
        var (current, _) = await findings.GetAsync(request.FindingId, cancellationToken);
        if (current is null)
        {
            throw FindingErrors.NotFound(request.FindingId);
        }
        caller.RequireCovers(current.JurisdictionCode, $"问题 {request.FindingId}", FindingErrors.IdField);
        if (current.Status == request.Status)
        {
            var waived = request.Status == FindingStatus.Waived;
            throw new ServiceError(StatusCode.FailedPrecondition, waived ? Reasons.FindingAlreadyWaived : Reasons.FindingAlreadyOpen,
                waived ? "该问题已被豁免:如需更改请先重新打开" : "该问题当前是打开状态,无需重新打开", FindingErrors.IdField).ToRpcException();
        }
        var action = new ActionRow { Action = request.Action, Reason = request.Reason.Trim(), Actor = caller.Label, At = time.GetUtcNow() };
        var kind = request.Status == FindingStatus.Waived ? AuditActions.FindingWaive : AuditActions.FindingReopen;
        var entry = audit.Entry(caller, kind, request.FindingId, current.JurisdictionCode, action.Reason);
        var (finding, history) = await findings.SetStatusAsync(request.FindingId, request.Status, action, entry, cancellationToken);
        return finding is null ? throw FindingErrors.NotFound(request.FindingId) : await messages.ForAsync(caller, finding, history, cancellationToken);
    }
}
