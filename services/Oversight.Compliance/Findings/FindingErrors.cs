using Oversight.Contracts.Compliance.V1;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.Compliance.Findings;

/// <summary>The refusals about a finding named by id, written once for the reads and the status changes.</summary>
internal static class FindingErrors
{
    /// <summary>finding_id, named alike in GetFinding, WaiveFinding and ReopenFinding.</summary>
    public static readonly string IdField = Fields.Of<GetFindingRequest>(GetFindingRequest.FindingIdFieldNumber).JsonName;

    public static void RequireId(string findingId)
    {
        if (string.IsNullOrWhiteSpace(findingId))
        {
            throw Guard.Invalid(Reasons.FindingIdMissing, Fields.Of<GetFindingRequest>(GetFindingRequest.FindingIdFieldNumber),
                "finding_id 为空:请填写 ListFindings 或 CheckReport 返回的 finding_id");
        }
    }

    public static RpcException NotFound(string findingId) => new ServiceError(
        StatusCode.NotFound, Reasons.FindingNotFound, $"未找到问题 '{findingId}':请用 ListFindings 查看", IdField).ToRpcException();
}
