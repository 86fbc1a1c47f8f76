using Oversight.Contracts.Metrics.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Metrics.Analysis;

/// <summary>AnalyzeReport's own faults, before anything is read: no report named, or a revision below 0.</summary>
public static class AnalyzeReportValidator
{
    public static void Validate(AnalyzeReportRequest request) => Guard.Report<AnalyzeReportRequest>(
        request.ReportId, AnalyzeReportRequest.ReportIdFieldNumber, request.Revision, AnalyzeReportRequest.RevisionFieldNumber);
}
