namespace Oversight.Rpc;

/// <summary>A call that ended with a status other than OK, with the trailers the peer sent.</summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null, string? message = null)
        : base(message ?? status.ToString())
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    public RpcException(StatusCode code, string detail, Metadata? trailers = null)
        : this(new Status(code, detail), trailers)
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }
}
