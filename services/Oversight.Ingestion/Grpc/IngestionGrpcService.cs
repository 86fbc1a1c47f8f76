using Oversight.Access;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Counting;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Oversight.Vocabulary;
using Contract = Oversight.Contracts.Ingestion.V1.IngestionService;

namespace Oversight.Ingestion.Grpc;

/// <summary>
/// oversight.ingestion.v1.IngestionService: adapts calls to the submissions and the report store. A caller submits
/// and reads only reports of jurisdictions inside its scope; lists are limited to that scope.
/// </summary>
public sealed class IngestionGrpcService(Submissions submissions, ReportStore store, ReportCounts counts, PageTokens pageTokens)
    : Contract.IngestionServiceBase
{
    private const int StreamPageSize = 500;

    private const int MaxReportsPerCall = 500;

    private const string Views = "BASIC、FULL、CONTENT、SOURCE";

    public override Task<SubmitReportResponse> SubmitReport(SubmitReportRequest request, ServerCallContext context) =>
        submissions.SubmitAsync(request, context.Caller(), context.CancellationToken);

    public override Task IngestReports(IAsyncStreamReader<SubmitReportRequest> requestStream, IServerStreamWriter<IngestResult> responseStream,
        ServerCallContext context) =>
        submissions.IngestAsync(requestStream.ReadAllAsync(context.CancellationToken), context.Caller(),
            result => responseStream.WriteAsync(result, context.CancellationToken), context.CancellationToken);

    public override async Task<SubmitReportsResponse> SubmitReports(SubmitReportsRequest request, ServerCallContext context)
    {
        if (request.Reports.Count is 0 or > MaxReportsPerCall)
        {
            throw Guard.Invalid(Reasons.ReportsCountInvalid, Fields.Of<SubmitReportsRequest>(SubmitReportsRequest.ReportsFieldNumber),
                $"reports 有 {request.Reports.Count} 项:每次请填写 1 到 {MaxReportsPerCall} 个报告");
        }
        // The same intake as the stream: every report is checked by the field bounds, read and stored in batches.
        var response = new SubmitReportsResponse();
        await submissions.IngestAsync(request.Reports.ToAsyncEnumerable(), context.Caller(), result =>
        {
            response.Results.Add(result);
            return Task.CompletedTask;
        }, context.CancellationToken);
        return response;
    }

    public override async Task<Report> GetReport(GetReportRequest request, ServerCallContext context)
    {
        Guard.Report(GetReportRequest.Descriptor, request.ReportId, request.Revision);
        Guard.Defined(request.View, Reasons.ViewInvalid, Fields.Of<GetReportRequest>(GetReportRequest.ViewFieldNumber), Views);
        var row = await store.GetAsync(request.ReportId, request.Revision, ReportRows.PartsOf(request.View), context.CancellationToken)
            ?? throw NotFound(request.ReportId, request.Revision);
        RequireCovers(context, row.JurisdictionCode, request.ReportId);
        var report = ReportRows.ToReport(row, request.View);
        if (request.View is ReportView.Full or ReportView.Content)
        {
            report.Attachments.AddRange(ReportRows.ToAttachments(await store.GetAttachmentsAsync(row.ReportId, row.Revision, context.CancellationToken)));
        }
        return report;
    }

    public override async Task GetReports(GetReportsRequest request, IServerStreamWriter<Report> responseStream, ServerCallContext context)
    {
        if (request.Reports.Count is 0 or > MaxReportsPerCall)
        {
            throw Guard.Invalid(Reasons.ReportsCountInvalid, Fields.Of<GetReportsRequest>(GetReportsRequest.ReportsFieldNumber),
                $"reports 有 {request.Reports.Count} 项:每次请填写 1 到 {MaxReportsPerCall} 个报告修订");
        }
        foreach (var named in request.Reports)
        {
            Guard.Report(ReportRevision.Descriptor, named.ReportId, named.Revision);
        }
        Guard.Defined(request.View, Reasons.ViewInvalid, Fields.Of<GetReportsRequest>(GetReportsRequest.ViewFieldNumber), Views);
        var rows = await store.GetManyAsync([.. request.Reports.Select(r => r.ReportId)], [.. request.Reports.Select(r => r.Revision)],
            ReportRows.PartsOf(request.View), context.CancellationToken);
        var byRevision = rows.ToDictionary(r => (r.ReportId, r.Revision));
        var current = rows.Where(r => r.IsCurrent).ToDictionary(r => r.ReportId, StringComparer.Ordinal);
        // Every report is found and in scope before the first is sent: the answer is all of them or a refusal.
        var found = request.Reports.Select(named => (named.Revision == 0
                ? current.GetValueOrDefault(named.ReportId)
                : byRevision.GetValueOrDefault((named.ReportId, named.Revision)))
            ?? throw NotFound(named.ReportId, named.Revision)).ToList();
        foreach (var row in found)
        {
            RequireCovers(context, row.JurisdictionCode, row.ReportId);
        }
        foreach (var row in found)
        {
            await responseStream.WriteAsync(ReportRows.ToReport(row, request.View), context.CancellationToken);
        }
    }

    public override async Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context)
    {
        Guard.ReportId(ListRevisionsRequest.Descriptor, request.ReportId);
        var rows = await store.ListRevisionsAsync(request.ReportId, context.CancellationToken);
        if (rows.Count == 0)
        {
            throw NotFound(request.ReportId, 0);
        }
        RequireCovers(context, rows[0].JurisdictionCode, request.ReportId);
        var response = new ListRevisionsResponse();
        response.Revisions.AddRange(rows.Select(ReportRows.ToSummary));
        return response;
    }

    public override async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        if (ReportFilters.Validate(request.Filter, context.Caller()) is not { } filter)
        {
            return new ListReportsResponse();
        }
        var caller = context.Caller();
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (after, limit) => store.ListAsync(filter, after, limit, context.CancellationToken).AsTask(), r => r.Seq);
        var response = new ListReportsResponse { NextPageToken = page.NextPageToken };
        response.Reports.AddRange(page.Rows.Select(ReportRows.ToSummary));
        return response;
    }

    public override async Task StreamReports(StreamReportsRequest request, IServerStreamWriter<ReportSummary> responseStream, ServerCallContext context)
    {
        if (ReportFilters.Validate(request.Filter, context.Caller()) is not { } filter)
        {
            return;
        }
        await StreamPager.StreamAsync(responseStream, StreamPageSize, 0L,
            (after, limit, token) => store.ListAsync(filter, after, limit, request.KeysOnly, token), row => row.Seq,
            request.KeysOnly ? ReportRows.ToKeys : ReportRows.ToSummary, context.CancellationToken);
    }

    public override Task<CountReportsResponse> CountReports(CountReportsRequest request, ServerCallContext context) =>
        counts.AnswerAsync(request, context.Caller(), context.CancellationToken);

    private static readonly string ReportIdField = Fields.Of<ReportRevision>(ReportRevision.ReportIdFieldNumber).JsonName;

    private static readonly string RevisionField = Fields.Of<ReportRevision>(ReportRevision.RevisionFieldNumber).JsonName;

    private static void RequireCovers(ServerCallContext context, string? jurisdictionCode, string reportId) =>
        context.RequireCovers(jurisdictionCode ?? "", $"报告 {reportId}", ReportIdField);

    private static RpcException NotFound(string reportId, int revision) => revision == 0
        ? new ServiceError(StatusCode.NotFound, Reasons.ReportNotFound, $"未找到报告 '{reportId}':请检查 report_id", ReportIdField).ToRpcException()
        : new ServiceError(StatusCode.NotFound, Reasons.RevisionNotFound, $"报告 '{reportId}' 没有第 {revision} 次修订:请用 ListRevisions 查看已有修订",
            RevisionField).ToRpcException();
}
