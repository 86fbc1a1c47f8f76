using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Storage;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Push;

/// <summary>Deletes, pauses and resumes a subscription inside the caller's scope, each change with its audit entry in its transaction.</summary>
public sealed class SubscriptionChanges(PushStore store, AuditLog audit)
{
    public async Task<Subscription> DeleteAsync(SubscriptionRef request, Caller caller, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request, caller, cancellationToken);
        var entry = audit.Entry(caller, AuditActions.SubscriptionDelete, row.SubscriptionId, row.Scope, row.Name);
        return await store.DeleteSubscriptionAsync(row.SubscriptionId, entry,
            cancellationToken) ? PushMessages.ToMessage(row) : throw NotFound(row.SubscriptionId);
    }

    public async Task<Subscription> PauseAsync(SubscriptionRef request, Caller caller, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request, caller, cancellationToken);
        var entry = audit.Entry(caller, AuditActions.SubscriptionPause, row.SubscriptionId, row.Scope, row.Name);
        if (!await store.SetStateAsync(row.SubscriptionId, SubscriptionStates.Active, SubscriptionStates.Paused, SubscriptionStates.PausedByCaller, entry,
            cancellationToken))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.SubscriptionAlreadyPaused, "该订阅已暂停:如需恢复请用 ResumeSubscription",
                "subscriptionId").ToRpcException();
        }
        return await CurrentAsync(row.SubscriptionId, cancellationToken);
    }

    public async Task<Subscription> ResumeAsync(SubscriptionRef request, Caller caller, CancellationToken cancellationToken)
    {
        var row = await FindAsync(request, caller, cancellationToken);
        var entry = audit.Entry(caller, AuditActions.SubscriptionResume, row.SubscriptionId, row.Scope, row.Name);
        if (!await store.SetStateAsync(row.SubscriptionId, SubscriptionStates.Paused, SubscriptionStates.Active, "", entry, cancellationToken))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.SubscriptionNotPaused, "该订阅未暂停,无需恢复", "subscriptionId").ToRpcException();
        }
        return await CurrentAsync(row.SubscriptionId, cancellationToken);
    }

    /// <summary>A subscription named by id, refused when missing or outside the caller's scope.</summary>
    public async Task<SubscriptionRow> FindAsync(SubscriptionRef request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Required(request.SubscriptionId, Reasons.SubscriptionIdMissing, Fields.Of<SubscriptionRef>(SubscriptionRef.SubscriptionIdFieldNumber),
            "subscription_id 为空:请用 ListSubscriptions 查看订阅编号(sub_ 开头)");
        var row = await store.GetSubscriptionAsync(request.SubscriptionId, cancellationToken) ?? throw NotFound(request.SubscriptionId);
        caller.RequireCovers(row.Scope, $"订阅 {row.SubscriptionId}", "subscriptionId");
        return row;
    }

    private async Task<Subscription> CurrentAsync(string subscriptionId, CancellationToken cancellationToken) =>
        PushMessages.ToMessage(await store.GetSubscriptionAsync(subscriptionId, cancellationToken) ?? throw NotFound(subscriptionId));

    private static RpcException NotFound(string subscriptionId) =>
        new ServiceError(StatusCode.NotFound, Reasons.SubscriptionNotFound, $"未找到订阅 '{PushMessages.Shown(subscriptionId)}':请用 ListSubscriptions 查看",
            "subscriptionId").ToRpcException();
}
