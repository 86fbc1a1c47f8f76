using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Oversight.Vocabulary;

namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// The checks every service runs on its requests before any work, with one wording each: an invalid argument
/// names the field (from the request's descriptor, <see cref="Fields"/>) and says what to send instead.
/// </summary>
public static class Guard
{
    /// <summary>INVALID_ARGUMENT with a stable reason, the field at fault and a message that says what to fix.</summary>
    public static RpcException Invalid(string reason, FieldDescriptor field, string message) =>
        new ServiceError(StatusCode.InvalidArgument, reason, message, field.JsonName).ToRpcException();

    /// <summary>
    /// A report named by id: <paramref name="field"/> is the request's report_id field by its number
    /// (<c>GetReportRequest.ReportIdFieldNumber</c>), read from the descriptor only to name it in a refusal.
    /// </summary>
    public static void ReportId<TRequest>(string reportId, int field)
        where TRequest : IMessage<TRequest>, new()
    {
        if (string.IsNullOrWhiteSpace(reportId))
        {
            var named = Fields.Of<TRequest>(field);
            throw Invalid(Reasons.ReportIdMissing, named, $"{named.Name} 为空:请填写摄取服务返回的 report_id");
        }
    }

    /// <summary>A report revision (the request's revision field, by its number): 1 and up, or 0 for the current one.</summary>
    public static void Revision<TRequest>(int revision, int field)
        where TRequest : IMessage<TRequest>, new()
    {
        if (revision < 0)
        {
            var named = Fields.Of<TRequest>(field);
            throw Invalid(Reasons.RevisionInvalid, named, $"{named.Name} {revision} 无效:请填写 1 起的修订号,或 0 表示当前修订");
        }
    }

    /// <summary>A report named by id and revision, as AnalyzeReport, CheckReport and GetReport take it (both fields by number).</summary>
    public static void Report<TRequest>(string reportId, int reportIdField, int revision, int revisionField)
        where TRequest : IMessage<TRequest>, new()
    {
        ReportId<TRequest>(reportId, reportIdField);
        Revision<TRequest>(revision, revisionField);
    }

    /// <summary>A list filter's field check: its error, when there is one, is INVALID_ARGUMENT FILTER_INVALID on that field.</summary>
    public static void Filter(FieldDescriptor field, string? error)
    {
        if (error is not null)
        {
            throw Invalid(Reasons.FilterInvalid, field, error);
        }
    }

    /// <summary>A filter rule that names the field in its message (ScopeRules.PrefixError …), given the field's contract name.</summary>
    public static void Filter<T>(FieldDescriptor field, Func<string, T, string?> rule, T value) => Filter(field, rule(field.Name, value));

    /// <summary>An id the caller must fill in (sweep_id, finding_id …); the message says where to find one.</summary>
    public static void Required(string value, string reason, FieldDescriptor field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(reason, field, message);
        }
    }

    /// <summary>An enum value the contract defines.</summary>
    public static void Defined<TEnum>(TEnum value, string reason, FieldDescriptor field, string choices)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw Invalid(reason, field, $"{field.Name} {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} 无效:可选 {choices}");
        }
    }
}
