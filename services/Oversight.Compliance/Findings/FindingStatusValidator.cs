using Oversight.Analysis.Rules;
using Oversight.Contracts.Compliance.V1;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Findings;

/// <summary>WaiveFinding's and ReopenFinding's own faults, before anything is read: no finding named, no reason given.</summary>
public static class FindingStatusValidator
{
    public static void Validate(FindingStatusRequest request)
    {
        FindingErrors.RequireId(request.FindingId);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw Guard.Invalid(Reasons.ReasonMissing, Fields.Of<WaiveFindingRequest>(WaiveFindingRequest.ReasonFieldNumber),
                request.Status == FindingStatus.Waived
                ? "请填写豁免理由(reason):说明该问题为何不适用" : "请填写重新打开的理由(reason)");
        }
    }
}
