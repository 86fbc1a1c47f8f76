using Grpc.Core;
using Oversight.Vocabulary;

namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// The checks every service runs on its requests before any work, with one wording each: an invalid argument
/// names the field and says what to send instead.
/// </summary>
public static class Guard
{
    /// <summary>INVALID_ARGUMENT with a stable reason, the field at fault and a message that says what to fix.</summary>
    public static RpcException Invalid(string reason, string field, string message) =>
        new ServiceError(StatusCode.InvalidArgument, reason, message, field).ToRpcException();

    public static void ReportId(string reportId)
    {
        if (string.IsNullOrWhiteSpace(reportId))
        {
            throw Invalid(Reasons.ReportIdMissing, "reportId", "report_id 为空:请填写摄取服务返回的 report_id");
        }
    }

    /// <summary>A report revision: 1 and up, or 0 for the current one.</summary>
    public static void Revision(int revision)
    {
        if (revision < 0)
        {
            throw Invalid(Reasons.RevisionInvalid, "revision", $"revision {revision} 无效:请填写 1 起的修订号,或 0 表示当前修订");
        }
    }

    /// <summary>A report named by id and revision, as AnalyzeReport, CheckReport and GetReport take it.</summary>
    public static void Report(string reportId, int revision)
    {
        ReportId(reportId);
        Revision(revision);
    }

    /// <summary>A list filter's field check: its error, when there is one, is INVALID_ARGUMENT FILTER_INVALID on that field.</summary>
    public static void Filter(string field, string? error)
    {
        if (error is not null)
        {
            throw Invalid(Reasons.FilterInvalid, field, error);
        }
    }

    /// <summary>An id the caller must fill in (sweep_id, finding_id …); the message says where to find one.</summary>
    public static void Required(string value, string reason, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(reason, field, message);
        }
    }

    /// <summary>An enum value the contract defines.</summary>
    public static void Defined<TEnum>(TEnum value, string reason, string field, string choices)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw Invalid(reason, field, $"{field} {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} 无效:可选 {choices}");
        }
    }
}
