using Grpc.Core;
using Oversight.Contracts.Common.V1;

namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// Why a service refused a request: a gRPC status, a stable reason code, a Chinese message that says what to fix,
/// and the request field at fault. The reason travels in the message and in the x-oversight-reason trailer.
/// </summary>
public sealed record ServiceError(StatusCode Code, string Reason, string Message, string Field = "")
{
    public const string ReasonTrailer = "x-oversight-reason";

    public RpcException ToRpcException() => new(new Status(Code, $"{Message} ({Reason})"), new Metadata { { ReasonTrailer, Reason } });

    public ItemError ToItemError() => new() { StatusCode = (int)Code, Reason = Reason, Message = Message, Field = Field };

    /// <summary>The stable reason of a refusal received from an Oversight service, or null.</summary>
    public static string? ReasonOf(RpcException exception) => exception.Trailers.GetValue(ReasonTrailer);
}
