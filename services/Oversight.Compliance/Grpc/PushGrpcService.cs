using Grpc.Core;
using Oversight.Access;
using Oversight.Compliance.Push;
using Oversight.Contracts.Push.V1;
using Contract = Oversight.Contracts.Push.V1.PushService;

namespace Oversight.Compliance.Grpc;

/// <summary>oversight.push.v1.PushService: webhook subscriptions and their deliveries, inside the caller's scope.</summary>
public sealed class PushGrpcService(SubscriptionCreate create, SubscriptionChanges changes, DeliveryReplay replay, PushQueries queries)
    : Contract.PushServiceBase
{
    public override Task<CreateSubscriptionResponse> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context) =>
        create.CreateAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context) =>
        queries.ListSubscriptionsAsync(context.Caller(), context.CancellationToken);

    public override Task<Subscription> DeleteSubscription(SubscriptionRef request, ServerCallContext context) =>
        changes.DeleteAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Subscription> PauseSubscription(SubscriptionRef request, ServerCallContext context) =>
        changes.PauseAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Subscription> ResumeSubscription(SubscriptionRef request, ServerCallContext context) =>
        changes.ResumeAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context) =>
        queries.ListDeliveriesAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Delivery> ReplayDelivery(ReplayDeliveryRequest request, ServerCallContext context) =>
        replay.ReplayAsync(request, context.Caller(), context.CancellationToken);
}
