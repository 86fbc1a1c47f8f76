using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Push;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;
using Contract = Oversight.Contracts.Push.V1.PushService;

namespace Oversight.Compliance.Grpc;

/// <summary>oversight.push.v1.PushService: webhook subscriptions and their deliveries, inside the caller's scope.</summary>
public sealed class PushGrpcService(SubscriptionCreate create, SubscriptionChanges changes, DeliveryReplay replay, PushStore store, PageTokens pageTokens)
    : Contract.PushServiceBase
{
    public override Task<CreateSubscriptionResponse> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context) =>
        create.CreateAsync(request, context.Caller(), context.CancellationToken);

    public override async Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var response = new ListSubscriptionsResponse();
        response.Subscriptions.AddRange((await store.ListSubscriptionsAsync(context.Caller().Scope, context.CancellationToken)).Select(PushMessages.ToMessage));
        return response;
    }

    public override Task<Subscription> DeleteSubscription(SubscriptionRef request, ServerCallContext context) =>
        changes.DeleteAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Subscription> PauseSubscription(SubscriptionRef request, ServerCallContext context) =>
        changes.PauseAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Subscription> ResumeSubscription(SubscriptionRef request, ServerCallContext context) =>
        changes.ResumeAsync(request, context.Caller(), context.CancellationToken);

    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        if (request.Status.Length > 0 && !DeliveryStatuses.All.Contains(request.Status))
        {
            throw Guard.Invalid(Reasons.DeliveryStatusInvalid, Fields.Of<ListDeliveriesRequest>(ListDeliveriesRequest.StatusFieldNumber),
                $"status '{PushMessages.Shown(request.Status)}' 无效:可选 {string.Join("、", DeliveryStatuses.All)},或留空表示全部");
        }
        var caller = context.Caller();
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (before, limit) => store.ListDeliveriesAsync(caller.Scope, request.SubscriptionId, request.Status, before, limit,
                context.CancellationToken).AsTask(), r => r.Seq);
        var response = new ListDeliveriesResponse { NextPageToken = page.NextPageToken };
        response.Deliveries.AddRange(page.Rows.Select(PushMessages.ToMessage));
        return response;
    }

    public override Task<Delivery> ReplayDelivery(ReplayDeliveryRequest request, ServerCallContext context) =>
        replay.ReplayAsync(request, context.Caller(), context.CancellationToken);
}
