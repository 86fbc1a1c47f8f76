using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Ingestion.Grpc;
using Oversight.Ingestion.Storage;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Reading;

/// <summary>GetReport, GetReports and ListRevisions: stored reports inside the caller's scope, in the view asked for.</summary>
public sealed class ReportQueries(ReportStore store)
{
    private const int MaxReportsPerCall = 500;

    private const string Views = "BASIC、FULL、CONTENT、SOURCE";

    public async Task<Report> GetAsync(GetReportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.Report<GetReportRequest>(request.ReportId, GetReportRequest.ReportIdFieldNumber, request.Revision, GetReportRequest.RevisionFieldNumber);
        Guard.Defined(request.View, Reasons.ViewInvalid, Fields.Of<GetReportRequest>(GetReportRequest.ViewFieldNumber), Views);
        var row = await store.GetAsync(request.ReportId, request.Revision, ReportRows.PartsOf(request.View), cancellationToken)
            ?? throw ReportErrors.NotFound(request.ReportId, request.Revision);
        ReportErrors.RequireCovers(caller, row.JurisdictionCode, request.ReportId);
        var report = ReportRows.ToReport(row, request.View);
        if (request.View is ReportView.Full or ReportView.Content)
        {
            report.Attachments.AddRange(ReportRows.ToAttachments(await store.GetAttachmentsAsync(row.ReportId, row.Revision, cancellationToken)));
        }
        return report;
    }

    /// <summary>Every named revision, written in the order asked for once all are found and inside the caller's scope.</summary>
    public async Task GetManyAsync(GetReportsRequest request, Caller caller, Func<Report, Task> write, CancellationToken cancellationToken)
    {
        if (request.Reports.Count is 0 or > MaxReportsPerCall)
        {
            throw Guard.Invalid(Reasons.ReportsCountInvalid, Fields.Of<GetReportsRequest>(GetReportsRequest.ReportsFieldNumber),
                $"reports 有 {request.Reports.Count} 项:每次请填写 1 到 {MaxReportsPerCall} 个报告修订");
        }
        foreach (var named in request.Reports)
        {
            Guard.Report<ReportRevision>(named.ReportId, ReportRevision.ReportIdFieldNumber, named.Revision, ReportRevision.RevisionFieldNumber);
        }
        Guard.Defined(request.View, Reasons.ViewInvalid, Fields.Of<GetReportsRequest>(GetReportsRequest.ViewFieldNumber), Views);
        var rows = await store.GetManyAsync([.. request.Reports.Select(r => r.ReportId)], [.. request.Reports.Select(r => r.Revision)],
            ReportRows.PartsOf(request.View), cancellationToken);
        var byRevision = rows.ToDictionary(r => (r.ReportId, r.Revision));
        var current = rows.Where(r => r.IsCurrent).ToDictionary(r => r.ReportId, StringComparer.Ordinal);
        // Every report is found and in scope before the first is sent: the answer is all of them or a refusal.
        var found = request.Reports.Select(named => (named.Revision == 0
                ? current.GetValueOrDefault(named.ReportId)
                : byRevision.GetValueOrDefault((named.ReportId, named.Revision)))
            ?? throw ReportErrors.NotFound(named.ReportId, named.Revision)).ToList();
        foreach (var row in found)
        {
            ReportErrors.RequireCovers(caller, row.JurisdictionCode, row.ReportId);
        }
        foreach (var row in found)
        {
            await write(ReportRows.ToReport(row, request.View));
        }
    }

    public async Task<ListRevisionsResponse> ListRevisionsAsync(ListRevisionsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        Guard.ReportId<ListRevisionsRequest>(request.ReportId, ListRevisionsRequest.ReportIdFieldNumber);
        var rows = await store.ListRevisionsAsync(request.ReportId, cancellationToken);
        if (rows.Count == 0)
        {
            throw ReportErrors.NotFound(request.ReportId, 0);
        }
        ReportErrors.RequireCovers(caller, rows[0].JurisdictionCode, request.ReportId);
        var response = new ListRevisionsResponse();
        response.Revisions.AddRange(rows.Select(ReportRows.ToSummary));
        return response;
    }
}
