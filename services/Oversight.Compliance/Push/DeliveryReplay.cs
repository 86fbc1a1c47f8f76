using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Push;

/// <summary>Queues a failed (or delivered) delivery inside the caller's scope to be sent again now, audited.</summary>
public sealed class DeliveryReplay(PushStore store, AuditLog audit, TimeProvider time)
{
    public async Task<Delivery> ReplayAsync(ReplayDeliveryRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Required(request.DeliveryId, Reasons.DeliveryIdMissing, Fields.Of<ReplayDeliveryRequest>(ReplayDeliveryRequest.DeliveryIdFieldNumber),
            "delivery_id 为空:请用 ListDeliveries 查看投递编号(dlv_ 开头)");
        var row = await store.GetDeliveryAsync(request.DeliveryId, cancellationToken) ?? throw NotFound(request.DeliveryId);
        caller.RequireCovers(row.Scope, $"投递 {row.DeliveryId}", "deliveryId");
        var subscription = await store.GetSubscriptionAsync(row.SubscriptionId, cancellationToken) ?? throw NotFound(request.DeliveryId);
        if (subscription.State == SubscriptionStates.Paused)
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.SubscriptionAlreadyPaused,
                $"订阅 {subscription.SubscriptionId} 已暂停:请先用 ResumeSubscription 恢复,再重发", "deliveryId").ToRpcException();
        }
        var entry = audit.Entry(caller, AuditActions.DeliveryReplay, row.DeliveryId, row.Jurisdiction,
            $"{row.EventType} {row.EventId} → {subscription.SubscriptionId}");
        if (!await store.ReplayAsync(row.DeliveryId, time.GetUtcNow(), entry, cancellationToken))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.DeliveryNotReplayable, "该投递仍在等待发送或重试,无需重发", "deliveryId").ToRpcException();
        }
        return PushMessages.ToMessage(await store.GetDeliveryAsync(row.DeliveryId, cancellationToken) ?? throw NotFound(row.DeliveryId));
    }

    private static RpcException NotFound(string deliveryId) =>
        new ServiceError(StatusCode.NotFound, Reasons.DeliveryNotFound, $"未找到投递 '{PushMessages.Shown(deliveryId)}':请用 ListDeliveries 查看",
            "deliveryId").ToRpcException();
}
