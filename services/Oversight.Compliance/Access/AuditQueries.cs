using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Access.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Access;

/// <summary>ListAudit: the audit entries inside the caller's scope, by action and time range, newest first.</summary>
public sealed class AuditQueries(AuditStore auditStore, PageTokens pageTokens)
{
    public async Task<ListAuditResponse> ListAsync(ListAuditRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (request.Action.Length > 0 && !AuditActions.All.Contains(request.Action))
        {
            throw Guard.Invalid(Reasons.ActionInvalid, Fields.Of<ListAuditRequest>(ListAuditRequest.ActionFieldNumber),
                $"action '{request.Action}' 无效:可选 {string.Join("、",
                AuditActions.All)},或留空表示全部");
        }
        var since = Bound(request.Since, Fields.Of<ListAuditRequest>(ListAuditRequest.SinceFieldNumber));
        var until = Bound(request.Until, Fields.Of<ListAuditRequest>(ListAuditRequest.UntilFieldNumber));
        if (since > until)
        {
            throw Guard.Invalid(Reasons.AuditRangeInvalid, Fields.Of<ListAuditRequest>(ListAuditRequest.SinceFieldNumber),
                "since 晚于 until:请填写先后顺序正确的时间范围");
        }
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (before, limit) => auditStore.ListAsync(caller.Scope, request.Action, before, limit, cancellationToken, since, until).AsTask(),
            r => r.Seq);
        var response = new ListAuditResponse { NextPageToken = page.NextPageToken };
        response.Entries.AddRange(page.Rows.Select(KeyMessages.Of));
        return response;
    }

    private static DateTimeOffset? Bound(Timestamp? instant, FieldDescriptor field)
    {
        try
        {
            return instant?.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw Guard.Invalid(Reasons.AuditRangeInvalid, field, $"{field.Name} 不是有效时间:请填写 0001 至 9999 年之间的时间");
        }
    }
}
