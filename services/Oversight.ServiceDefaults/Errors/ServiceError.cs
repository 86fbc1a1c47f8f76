using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Oversight.Contracts.Common.V1;
using Status = Grpc.Core.Status;

namespace Oversight.ServiceDefaults.Errors;

/// <summary>
/// Why a service refused a request: a gRPC status, a stable reason code, a Chinese message that says what to fix,
/// and the request field at fault. The reason travels in the message, in the x-oversight-reason trailer, and as the
/// standard error details (google.rpc.Status in grpc-status-details-bin: ErrorInfo with the reason, the domain and the
/// field in its metadata; and for INVALID_ARGUMENT a BadRequest field violation naming the field).
/// </summary>
public sealed record ServiceError(StatusCode Code, string Reason, string Message, string Field = "")
{
    public const string ReasonTrailer = "x-oversight-reason";

    /// <summary>The trailer grpc-dotnet, grpcio, grpc-java and grpc-js read the standard error details from.</summary>
    public const string DetailsTrailer = "grpc-status-details-bin";

    /// <summary>ErrorInfo.domain of every Oversight refusal.</summary>
    public const string Domain = "oversight";

    /// <summary>Facts about the refusal for programs (ErrorInfo.metadata), e.g. retryAfterSeconds; the field is added itself.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public RpcException ToRpcException() => new(new Status(Code, $"{Message} ({Reason})"),
        new Metadata { { ReasonTrailer, Reason }, { DetailsTrailer, ToStatus().ToByteArray() } });

    /// <summary>The refusal as google.rpc.Status: code, message (with the reason), ErrorInfo, and BadRequest when a field is at fault.</summary>
    public Google.Rpc.Status ToStatus()
    {
        var info = new ErrorInfo { Reason = Reason, Domain = Domain };
        foreach (var (key, value) in Metadata ?? new Dictionary<string, string>())
        {
            info.Metadata[key] = value;
        }
        if (Field.Length > 0)
        {
            info.Metadata["field"] = Field;
        }
        var status = new Google.Rpc.Status { Code = (int)Code, Message = $"{Message} ({Reason})" };
        status.Details.Add(Any.Pack(info));
        if (Field.Length > 0 && Code is StatusCode.InvalidArgument or StatusCode.OutOfRange)
        {
            // The request itself is at fault in that field (a field named by a NOT_FOUND or PERMISSION_DENIED is in ErrorInfo only).
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = Field, Description = Message, Reason = Reason } },
            }));
        }
        return status;
    }

    public ItemError ToItemError() => new() { StatusCode = (int)Code, Reason = Reason, Message = Message, Field = Field };

    /// <summary>The stable reason of a refusal received from an Oversight service, or null.</summary>
    public static string? ReasonOf(RpcException exception) => exception.Trailers.GetValue(ReasonTrailer);
}
