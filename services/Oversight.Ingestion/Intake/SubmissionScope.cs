using Oversight.Access;
using Oversight.Contracts.Ingestion.V1;
using Oversight.ServiceDefaults.Errors;

namespace Oversight.Ingestion.Intake;

/// <summary>
/// Whose report a submission is, settled as early as it can be: fetching a page's attachments and reading them (converted
/// out of process, scans through OCR) are the expensive parts, so a caller limited to a scope is refused before either
/// when the submission is bound to be refused. The code the caller states wins over what the text says, so it is
/// compared first; without one, what the page says.
/// </summary>
public static class SubmissionScope
{
    /// <summary>The stated jurisdiction_code lies outside the caller's scope (a malformed code is checked before, as such).</summary>
    public static ServiceError? Stated(SubmitReportRequest request, Caller caller) =>
        request.JurisdictionCode.Length > 0 && !caller.Covers(request.JurisdictionCode)
            ? OutOfScope(caller, $"报告的辖区 {request.JurisdictionCode}")
            : null;

    /// <summary>
    /// A caller limited to a scope who stated no code, judged by the body the page names: refused when it lies outside the
    /// scope, and when it is unknown and the report's text would come from attachments not yet read (or fetched):
    /// <paramref name="unknown"/> says what then goes unknown.
    /// </summary>
    public static ServiceError? ByPage(SubmitReportRequest request, string? pageCode, bool attachmentsPending, Caller caller, string unknown)
    {
        if (request.JurisdictionCode.Length > 0 || caller.Covers(""))
        {
            return null;
        }
        return pageCode switch
        {
            null when attachmentsPending => OutOfScope(caller, unknown),
            { } code when !caller.Covers(code) => OutOfScope(caller, $"报告的辖区 {code}"),
            _ => null,
        };
    }

    public static ServiceError OutOfScope(Caller caller, string what) =>
        AccessErrors.OutOfScopeError(caller, what, Fields.Of<SubmitReportRequest>(SubmitReportRequest.JurisdictionCodeFieldNumber).JsonName);
}
