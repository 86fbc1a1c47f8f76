using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Compliance.Checking;

/// <summary>CheckReport's own faults, before anything is read: no report named, or a revision below 0.</summary>
public static class CheckReportValidator
{
    public static void Validate(CheckReportRequest request) => Guard.Report<CheckReportRequest>(
        request.ReportId, CheckReportRequest.ReportIdFieldNumber, request.Revision, CheckReportRequest.RevisionFieldNumber);
}
