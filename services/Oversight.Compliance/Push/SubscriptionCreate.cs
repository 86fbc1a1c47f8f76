using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Compliance.Access;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Push.V1;
using Oversight.Fetching.Outbound;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Push;

/// <summary>
/// Registers a subscription inside the caller's scope, to a target the address policy allows now (and again at every
/// connection), with its audit entry in the same transaction.
/// </summary>
public sealed class SubscriptionCreate(PushStore store, OutboundAddressPolicy policy, IOptions<PushOptions> options, AuditLog audit, TimeProvider time)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public async Task<CreateSubscriptionResponse> CreateAsync(CreateSubscriptionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var valid = SubscriptionRequest.Validate(request, options.Value.RequireHttps);
        caller.RequireCovers(valid.Scope, $"订阅范围 {AccessErrors.ScopeName(valid.Scope)}", "scope");
        await CheckTargetAsync(valid.Url, cancellationToken);
        var row = new SubscriptionRow
        {
            SubscriptionId = "sub_" + Guid.NewGuid().ToString("N")[..20],
            Name = valid.Name,
            Url = valid.Url.AbsoluteUri,
            EventTypes = string.Join(',', valid.EventTypes),
            Scope = valid.Scope,
            Format = valid.Format,
            Secret = valid.Secret,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = caller.Label,
        };
        var entry = audit.Entry(caller, AuditActions.SubscriptionCreate, row.SubscriptionId, row.Scope,
            $"{row.Name}, {row.Format}, {row.EventTypes} → {PushMessages.WithoutQuery(row.Url)}");
        if (!await store.AddSubscriptionAsync(row, options.Value.MaxSubscriptions, entry, cancellationToken))
        {
            throw new ServiceError(StatusCode.ResourceExhausted, Reasons.SubscriptionLimitReached,
                $"范围 {AccessErrors.ScopeName(valid.Scope)} 内已有 {options.Value.MaxSubscriptions} 个订阅:请先删除不再使用的订阅", "scope").ToRpcException();
        }
        return new CreateSubscriptionResponse { Subscription = PushMessages.ToMessage(row), Secret = valid.SecretMade ? valid.Secret : "" };
    }

    private async Task CheckTargetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ResolveTimeout);
        try
        {
            await policy.ResolveAsync(url.IdnHost, bounded.Token);
        }
        catch (OutboundAddressRefusedException refused)
        {
            throw new ServiceError(StatusCode.PermissionDenied, Reasons.PushTargetNotAllowed, PushMessages.TargetRefused(refused), "url").ToRpcException();
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceError(StatusCode.FailedPrecondition, Reasons.PushTargetUnresolved,
                $"推送地址的主机名 {url.Host} 现在无法解析:请确认域名正确且已生效", "url").ToRpcException();
        }
    }
}
