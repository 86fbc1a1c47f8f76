using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Compliance.Storage;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Sweeps;

/// <summary>ListSweeps and GetSweep: sweeps inside the caller's scope.</summary>
public sealed class SweepQueries(SweepStore sweeps, PageTokens pageTokens)
{
    public async Task<ListSweepsResponse> ListAsync(ListSweepsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Filter(Fields.Of<ListSweepsRequest>(ListSweepsRequest.ReportYearFieldNumber), ScopeRules.YearError, request.ReportYear);
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (before, limit) => sweeps.ListAsync(request.ReportYear, caller.Scope, before, limit, cancellationToken).AsTask(), s => s.Seq);
        var response = new ListSweepsResponse { NextPageToken = page.NextPageToken };
        response.Sweeps.AddRange(page.Rows.Select(SweepMessages.Of));
        return response;
    }

    public async Task<Sweep> GetAsync(GetSweepRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var field = Fields.Of<GetSweepRequest>(GetSweepRequest.SweepIdFieldNumber);
        Guard.Required(request.SweepId, Reasons.SweepIdMissing, field, "sweep_id 为空:请填写 RunSweep 或 ListSweeps 返回的 sweep_id");
        var row = await sweeps.GetAsync(request.SweepId, cancellationToken)
            ?? throw new ServiceError(StatusCode.NotFound, Reasons.SweepNotFound, $"未找到巡查 '{request.SweepId}':请用 ListSweeps 查看",
                field.JsonName).ToRpcException();
        caller.RequireCovers(row.ScopePrefix, $"巡查 {request.SweepId}", field.JsonName);
        return SweepMessages.Of(row);
    }
}
