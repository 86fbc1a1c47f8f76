using Oversight.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Push.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Push;

/// <summary>ListSubscriptions and ListDeliveries: subscriptions and deliveries inside the caller's scope.</summary>
public sealed class PushQueries(PushStore store, PageTokens pageTokens)
{
    public async Task<ListSubscriptionsResponse> ListSubscriptionsAsync(Caller caller, CancellationToken cancellationToken)
    {
        var response = new ListSubscriptionsResponse();
        response.Subscriptions.AddRange((await store.ListSubscriptionsAsync(caller.Scope, cancellationToken)).Select(PushMessages.ToMessage));
        return response;
    }

    public async Task<ListDeliveriesResponse> ListDeliveriesAsync(ListDeliveriesRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (request.Status.Length > 0 && !DeliveryStatuses.All.Contains(request.Status))
        {
            throw Guard.Invalid(Reasons.DeliveryStatusInvalid, Fields.Of<ListDeliveriesRequest>(ListDeliveriesRequest.StatusFieldNumber),
                $"status '{PushMessages.Shown(request.Status)}' 无效:可选 {string.Join("、", DeliveryStatuses.All)},或留空表示全部");
        }
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (before, limit) => store.ListDeliveriesAsync(caller.Scope, request.SubscriptionId, request.Status, before, limit,
                cancellationToken).AsTask(), r => r.Seq);
        var response = new ListDeliveriesResponse { NextPageToken = page.NextPageToken };
        response.Deliveries.AddRange(page.Rows.Select(PushMessages.ToMessage));
        return response;
    }
}
