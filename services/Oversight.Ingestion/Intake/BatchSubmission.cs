using Oversight.Access;
using Oversight.Analysis.Metadata;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Ingestion.Intake;

/// <summary>SubmitReports' own fault: too few or too many reports in one call.</summary>
public static class SubmitReportsValidator
{
    public const int MaxReportsPerCall = 500;

    public static void Validate(SubmitReportsRequest request)
    {
        if (request.Reports.Count is 0 or > MaxReportsPerCall)
        {
            throw Guard.Invalid(Reasons.ReportsCountInvalid, Fields.Of<SubmitReportsRequest>(SubmitReportsRequest.ReportsFieldNumber),
                $"reports 有 {request.Reports.Count} 项:每次请填写 1 到 {MaxReportsPerCall} 个报告");
        }
    }
}

/// <summary>SubmitReports: a batch through the same intake as the stream, its results collected into one answer.</summary>
public sealed class BatchSubmission(Submissions submissions)
{
    public async Task<SubmitReportsResponse> SubmitAsync(SubmitReportsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        SubmitReportsValidator.Validate(request);
        // The same intake as the stream: every report is checked by the field bounds, read and stored in batches.
        var response = new SubmitReportsResponse();
        await submissions.IngestAsync(request.Reports.ToAsyncEnumerable(), caller, result =>
        {
            response.Results.Add(result);
            return Task.CompletedTask;
        }, cancellationToken);
        return response;
    }
}
