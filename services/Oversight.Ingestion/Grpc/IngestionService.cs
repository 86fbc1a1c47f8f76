using Microsoft.Extensions.Options;
using Oversight.Analysis;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Outbox;
using Oversight.Ingestion.Storage;
using Oversight.Rpc;
using Oversight.Rpc.Server;

namespace Oversight.Ingestion.Grpc;

/// <summary>oversight.ingestion.v1.IngestionService: adapts calls to the intake rules and the report store.</summary>
public sealed class IngestionService(ReportStore store, ReportReader reader, IOptions<IngestionOptions> options, OutboxSignal outboxSignal, TimeProvider time) : IGrpcService
{
    private const int StreamPageSize = 500;

    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => IngestionReflection.Descriptor.Services[0];

    public async Task<SubmitReportResponse> SubmitReport(SubmitReportRequest request, ServerCallContext context)
    {
        var (response, error) = await SubmitAsync(request, context);
        return error is null ? response! : throw error.ToRpcException();
    }

    // One result per request, in order. Each report is stored before the next is read, so a slow database
    // slows the stream (HTTP/2 flow control reaches the client) and memory stays flat.
    public async Task IngestReports(IAsyncStreamReader<SubmitReportRequest> requestStream, IServerStreamWriter<IngestResult> responseStream, ServerCallContext context)
    {
        long sequence = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            var (response, error) = await SubmitAsync(request, context);
            var result = new IngestResult { Sequence = sequence++, ClientReference = request.ClientReference };
            if (error is null)
            {
                result.Accepted = response;
            }
            else
            {
                result.Rejected = error.ToItemError();
            }
            await responseStream.WriteAsync(result, context.CancellationToken);
        }
    }

    public async Task<Report> GetReport(GetReportRequest request, ServerCallContext context)
    {
        RequireReportId(request.ReportId);
        if (request.Revision < 0)
        {
            throw new IntakeError(StatusCode.InvalidArgument, "REVISION_INVALID", $"revision {request.Revision} 无效:请填写 1 起的修订号,或 0 表示当前修订", "revision").ToRpcException();
        }
        var row = await store.GetAsync(request.ReportId, request.Revision, request.View == ReportView.Full, context.CancellationToken)
            ?? throw NotFound(request.ReportId, request.Revision);
        return ReportRows.ToReport(row, request.View == ReportView.Full);
    }

    public async Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context)
    {
        RequireReportId(request.ReportId);
        var rows = await store.ListRevisionsAsync(request.ReportId, context.CancellationToken);
        if (rows.Count == 0)
        {
            throw NotFound(request.ReportId, 0);
        }
        var response = new ListRevisionsResponse();
        response.Revisions.AddRange(rows.Select(ReportRows.ToSummary));
        return response;
    }

    public async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        var filter = ReportFilters.Validate(request.Filter);
        var pageSize = request.PageSize switch
        {
            0 => 50,
            >= 1 and <= 500 => request.PageSize,
            _ => throw new IntakeError(StatusCode.InvalidArgument, "PAGE_SIZE_INVALID", $"page_size {request.PageSize} 无效:请填写 1 到 500,或 0 使用默认值 50", "pageSize").ToRpcException(),
        };
        var after = PageTokens.Read(request.PageToken, filter);
        var rows = await store.ListAsync(filter, after, pageSize + 1, context.CancellationToken);
        var response = new ListReportsResponse();
        response.Reports.AddRange(rows.Take(pageSize).Select(ReportRows.ToSummary));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Write(rows[pageSize - 1].Seq, filter);
        }
        return response;
    }

    public async Task StreamReports(StreamReportsRequest request, IServerStreamWriter<ReportSummary> responseStream, ServerCallContext context)
    {
        var filter = ReportFilters.Validate(request.Filter);
        long after = 0;
        while (true)
        {
            var rows = await store.ListAsync(filter, after, StreamPageSize, context.CancellationToken);
            foreach (var row in rows)
            {
                await responseStream.WriteAsync(ReportRows.ToSummary(row), context.CancellationToken);
            }
            if (rows.Count < StreamPageSize)
            {
                return;
            }
            after = rows[^1].Seq;
        }
    }

    private async Task<(SubmitReportResponse? Response, IntakeError? Error)> SubmitAsync(SubmitReportRequest request, ServerCallContext context)
    {
        if (ReportIntake.Validate(request, options.Value) is { } invalid)
        {
            return (null, invalid);
        }
        var read = reader.Read(new ReportInput(
            request.Content.Memory,
            request.ContentType,
            request.Charset,
            request.JurisdictionCode.Length == 0 ? null : request.JurisdictionCode,
            request.ReportYear == 0 ? null : request.ReportYear));
        var now = time.GetUtcNow();
        var (revision, error) = ReportIntake.Accept(request, read, Callers.Of(context), now);
        if (error is not null)
        {
            return (null, error);
        }
        var stored = await store.StoreAsync(revision!, OutboxTargets.All, now, context.CancellationToken);
        if (stored.Outcome != StoreOutcome.Duplicate)
        {
            outboxSignal.Notify();
        }
        var response = new SubmitReportResponse
        {
            ReportId = stored.ReportId,
            Revision = stored.Revision,
            Duplicate = stored.Outcome == StoreOutcome.Duplicate,
            Outcome = stored.Outcome,
            Metadata = ReportMetadata.Parser.ParseFrom(revision!.Metadata),
        };
        response.SectionKinds.AddRange(revision.SectionKinds.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return (response, null);
    }

    private static void RequireReportId(string reportId)
    {
        if (string.IsNullOrWhiteSpace(reportId))
        {
            throw new IntakeError(StatusCode.InvalidArgument, "REPORT_ID_MISSING", "report_id 为空:请填写提交报告时返回的 report_id", "reportId").ToRpcException();
        }
    }

    private static RpcException NotFound(string reportId, int revision) => revision == 0
        ? new IntakeError(StatusCode.NotFound, "REPORT_NOT_FOUND", $"未找到报告 '{reportId}':请检查 report_id", "reportId").ToRpcException()
        : new IntakeError(StatusCode.NotFound, "REVISION_NOT_FOUND", $"报告 '{reportId}' 没有第 {revision} 次修订:请用 ListRevisions 查看已有修订", "revision").ToRpcException();
}
