using Grpc.Core;
using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Reading;

/// <summary>Refusals about a named report or revision, shared by the calls that read one.</summary>
internal static class ReportErrors
{
    private static readonly string ReportIdField = Fields.Of<ReportRevision>(ReportRevision.ReportIdFieldNumber).JsonName;

    private static readonly string RevisionField = Fields.Of<ReportRevision>(ReportRevision.RevisionFieldNumber).JsonName;

    public static void RequireCovers(Caller caller, string? jurisdictionCode, string reportId) =>
        caller.RequireCovers(jurisdictionCode ?? "", $"报告 {reportId}", ReportIdField);

    public static RpcException NotFound(string reportId, int revision) => revision == 0
        ? new ServiceError(StatusCode.NotFound, Reasons.ReportNotFound, $"未找到报告 '{reportId}':请检查 report_id", ReportIdField).ToRpcException()
        : new ServiceError(StatusCode.NotFound, Reasons.RevisionNotFound, $"报告 '{reportId}' 没有第 {revision} 次修订:请用 ListRevisions 查看已有修订",
            RevisionField).ToRpcException();
}
