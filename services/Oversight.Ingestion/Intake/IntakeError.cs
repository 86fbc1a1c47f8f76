using Oversight.Contracts.Common.V1;
using Oversight.Rpc;

namespace Oversight.Ingestion.Intake;

/// <summary>
/// Why a submission was refused: a gRPC status, a stable reason code, a Chinese message that says what to fix,
/// and the request field at fault.
/// </summary>
public sealed record IntakeError(StatusCode Code, string Reason, string Message, string Field = "")
{
    public const string ReasonTrailer = "x-oversight-reason";

    public RpcException ToRpcException() =>
        new(new Status(Code, $"{Message} ({Reason})"), new Metadata().Add(ReasonTrailer, Reason));

    public ItemError ToItemError() => new() { StatusCode = (int)Code, Reason = Reason, Message = Message, Field = Field };
}
