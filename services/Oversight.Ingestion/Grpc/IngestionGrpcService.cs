using Oversight.Access;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Counting;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Reading;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Paging;
using Contract = Oversight.Contracts.Ingestion.V1.IngestionService;

namespace Oversight.Ingestion.Grpc;

/// <summary>
/// oversight.ingestion.v1.IngestionService: adapts calls to the submissions and the report store. A caller submits
/// and reads only reports of jurisdictions inside its scope; lists are limited to that scope.
/// </summary>
public sealed class IngestionGrpcService(Submissions submissions, BatchSubmission batches, ReportQueries reports, ReportStore store,
    ReportCounts counts, PageTokens pageTokens, SummaryCache summaries) : Contract.IngestionServiceBase
{
    private const int StreamPageSize = 500;

    public override Task<SubmitReportResponse> SubmitReport(SubmitReportRequest request, ServerCallContext context) =>
        submissions.SubmitAsync(request, context.Caller(), context.CancellationToken);

    public override Task IngestReports(IAsyncStreamReader<SubmitReportRequest> requestStream, IServerStreamWriter<IngestResult> responseStream,
        ServerCallContext context) =>
        submissions.IngestAsync(requestStream.ReadAllAsync(context.CancellationToken), context.Caller(),
            result => responseStream.WriteAsync(result, context.CancellationToken), context.CancellationToken);

    public override Task<SubmitReportsResponse> SubmitReports(SubmitReportsRequest request, ServerCallContext context) =>
        batches.SubmitAsync(request, context.Caller(), context.CancellationToken);

    public override Task<Report> GetReport(GetReportRequest request, ServerCallContext context) =>
        reports.GetAsync(request, context.Caller(), context.CancellationToken);

    public override Task GetReports(GetReportsRequest request, IServerStreamWriter<Report> responseStream, ServerCallContext context) =>
        reports.GetManyAsync(request, context.Caller(), report => responseStream.WriteAsync(report, context.CancellationToken),
            context.CancellationToken);

    public override Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context) =>
        reports.ListRevisionsAsync(request, context.Caller(), context.CancellationToken);

    public override async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        if (ReportFilters.Validate(request.Filter, context.Caller()) is not { } filter)
        {
            return new ListReportsResponse();
        }
        var caller = context.Caller();
        var page = await pageTokens.PageAsync(request, request.PageToken, request.PageSize, caller.KeyId,
            (after, limit) => store.ListAsync(filter, after, limit, summaries, context.CancellationToken).AsTask(), r => r.Seq);
        var response = new ListReportsResponse { NextPageToken = page.NextPageToken };
        foreach (var listed in page.Rows)
        {
            response.Reports.Add(listed.Summary);
        }
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
}
