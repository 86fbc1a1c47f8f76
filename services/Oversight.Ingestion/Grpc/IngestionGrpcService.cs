using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Oversight.Access;
using Oversight.Analysis;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Intake;
using Oversight.Ingestion.Outbox;
using Oversight.Ingestion.Storage;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.ServiceDefaults.Paging;
using Contract = Oversight.Contracts.Ingestion.V1.IngestionService;

namespace Oversight.Ingestion.Grpc;

/// <summary>
/// oversight.ingestion.v1.IngestionService: adapts calls to the intake rules and the report store. A caller submits
/// and reads only reports of jurisdictions inside its scope; lists are limited to that scope.
/// </summary>
public sealed class IngestionGrpcService(ReportStore store, ReportReader reader, IOptions<IngestionOptions> options, OutboxSignal outboxSignal, PageTokens pageTokens, TimeProvider time)
    : Contract.IngestionServiceBase
{
    private const int StreamPageSize = 500;
    private const int ReadAhead = 32;

    public override async Task<SubmitReportResponse> SubmitReport(SubmitReportRequest request, ServerCallContext context)
    {
        var (response, error) = await SubmitAsync(request, context);
        return error is null ? response! : throw error.ToRpcException();
    }

    // One result per request, in order. Up to ReadAhead requests are read ahead and analysed in parallel, and
    // whatever is ready is stored in one transaction (group commit). Reading ahead stops at that bound, so a slow
    // database slows the stream (HTTP/2 flow control reaches the client) and memory stays flat however many come.
    public override async Task IngestReports(IAsyncStreamReader<SubmitReportRequest> requestStream, IServerStreamWriter<IngestResult> responseStream, ServerCallContext context)
    {
        var token = context.CancellationToken;
        var caller = context.Caller();
        var pending = Channel.CreateBounded<Task<Prepared>>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                while (await requestStream.MoveNext(token))
                {
                    var request = requestStream.Current;
                    await pending.Writer.WriteAsync(Task.Run(() => Prepare(request, caller), token), token);
                }
                pending.Writer.Complete();
            }
            catch (Exception ex)
            {
                pending.Writer.Complete(ex);
            }
        }, token);

        long sequence = 0;
        var batch = new List<Task<Prepared>>(ReadAhead);
        while (await pending.Reader.WaitToReadAsync(token))
        {
            batch.Clear();
            while (batch.Count < ReadAhead && pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            var prepared = await Task.WhenAll(batch);
            var accepted = prepared.Where(p => p.Revision is not null).Select(p => p.Revision!).ToList();
            var outcomes = accepted.Count == 0 ? [] : await store.StoreBatchAsync(accepted, OutboxTargets.All, time.GetUtcNow(), token);
            if (outcomes.Any(o => o.Outcome != StoreOutcome.Duplicate))
            {
                outboxSignal.Notify();
            }
            var stored = 0;
            foreach (var item in prepared)
            {
                var result = new IngestResult { Sequence = sequence++, ClientReference = item.Request.ClientReference };
                if (item.Error is { } error)
                {
                    result.Rejected = error.ToItemError();
                }
                else
                {
                    result.Accepted = Respond(item.Revision!, outcomes[stored++]);
                }
                await responseStream.WriteAsync(result, token);
            }
        }
        await producer;
    }

    public override async Task<Report> GetReport(GetReportRequest request, ServerCallContext context)
    {
        Guard.Report(request.ReportId, request.Revision);
        Guard.Defined(request.View, "VIEW_INVALID", "view", "BASIC、FULL、CONTENT");
        var content = request.View is ReportView.Full or ReportView.Content;
        var row = await store.GetAsync(request.ReportId, request.Revision, content, context.CancellationToken, texts: request.View == ReportView.Full)
            ?? throw NotFound(request.ReportId, request.Revision);
        RequireCovers(context, row.JurisdictionCode, request.ReportId);
        return ReportRows.ToReport(row, request.View);
    }

    public override async Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context)
    {
        Guard.ReportId(request.ReportId);
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
        var pageSize = PageTokens.PageSize(request.PageSize);
        var after = pageTokens.Read(request.PageToken, request, caller.KeyId);
        var rows = await store.ListAsync(filter, after, pageSize + 1, context.CancellationToken);
        var response = new ListReportsResponse();
        response.Reports.AddRange(rows.Take(pageSize).Select(ReportRows.ToSummary));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Write(rows[pageSize - 1].Seq, request, caller.KeyId);
        }
        return response;
    }

    public override async Task StreamReports(StreamReportsRequest request, IServerStreamWriter<ReportSummary> responseStream, ServerCallContext context)
    {
        if (ReportFilters.Validate(request.Filter, context.Caller()) is not { } filter)
        {
            return;
        }
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

    private async Task<(SubmitReportResponse? Response, ServiceError? Error)> SubmitAsync(SubmitReportRequest request, ServerCallContext context)
    {
        var prepared = Prepare(request, context.Caller());
        if (prepared.Error is not null)
        {
            return (null, prepared.Error);
        }
        var stored = await store.StoreAsync(prepared.Revision!, OutboxTargets.All, time.GetUtcNow(), context.CancellationToken);
        if (stored.Outcome != StoreOutcome.Duplicate)
        {
            outboxSignal.Notify();
        }
        return (Respond(prepared.Revision!, stored), null);
    }

    /// <summary>Validates and reads a submission: CPU work only, so the stream can run several at once.</summary>
    private Prepared Prepare(SubmitReportRequest request, Caller caller)
    {
        if (ReportIntake.Validate(request, options.Value) is { } invalid)
        {
            return new Prepared(request, null, invalid);
        }
        var read = reader.Read(new ReportInput(
            request.Content.Memory,
            request.ContentType,
            request.Charset,
            request.JurisdictionCode.Length == 0 ? null : request.JurisdictionCode,
            request.ReportYear == 0 ? null : request.ReportYear));
        var (revision, error) = ReportIntake.Accept(request, read, caller.Label, time.GetUtcNow());
        if (revision is not null && !caller.Covers(revision.JurisdictionCode ?? ""))
        {
            // Refused before anything is stored: a city office reports only for its own jurisdictions.
            var what = revision.JurisdictionCode is { } code ? $"报告的辖区 {code}" : "辖区未能识别的报告(请填写 jurisdiction_code)";
            return new Prepared(request, null, AccessErrors.OutOfScopeError(caller, what, "jurisdictionCode"));
        }
        return new Prepared(request, revision, error);
    }

    private static SubmitReportResponse Respond(NewRevision revision, StoreOutcome stored)
    {
        var response = new SubmitReportResponse
        {
            ReportId = stored.ReportId,
            Revision = stored.Revision,
            Duplicate = stored.Outcome == StoreOutcome.Duplicate,
            Outcome = stored.Outcome,
            Metadata = ReportMetadata.Parser.ParseFrom(revision.Metadata),
        };
        response.SectionKinds.AddRange(revision.SectionKinds.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return response;
    }

    private sealed record Prepared(SubmitReportRequest Request, NewRevision? Revision, ServiceError? Error);

    private static void RequireCovers(ServerCallContext context, string? jurisdictionCode, string reportId) =>
        context.RequireCovers(jurisdictionCode ?? "", $"报告 {reportId}", "reportId");

    private static RpcException NotFound(string reportId, int revision) => revision == 0
        ? new ServiceError(StatusCode.NotFound, "REPORT_NOT_FOUND", $"未找到报告 '{reportId}':请检查 report_id", "reportId").ToRpcException()
        : new ServiceError(StatusCode.NotFound, "REVISION_NOT_FOUND", $"报告 '{reportId}' 没有第 {revision} 次修订:请用 ListRevisions 查看已有修订", "revision").ToRpcException();
}
