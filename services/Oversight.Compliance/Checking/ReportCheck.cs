using Oversight.Access;
using Oversight.Compliance.Findings;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.Compliance.Checking;

/// <summary>CheckReport: one report checked against the packs in force, its findings answered as the caller may see them.</summary>
public sealed class ReportCheck(ReportChecker checker, FindingMessages findingMessages)
{
    public async Task<CheckReportResponse> CheckAsync(CheckReportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        CheckReportValidator.Validate(request);
        var outcome = await checker.CheckAsync(request.ReportId, request.Revision, caller, cancellationToken);
        var response = new CheckReportResponse { ReportId = outcome.ReportId, Revision = outcome.Revision, Outcome = outcome.Outcome };
        response.Findings.AddRange(await findingMessages.ForAsync(caller, outcome.Findings, cancellationToken));
        return response;
    }
}
