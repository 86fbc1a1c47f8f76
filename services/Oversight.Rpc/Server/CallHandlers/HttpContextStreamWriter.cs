using Google.Protobuf;

namespace Oversight.Rpc.Server.CallHandlers;

internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteMessageAsync(message, flush: true, cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken);
    }
}
