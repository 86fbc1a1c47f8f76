using Google.Protobuf;

namespace Oversight.Rpc.Server.CallHandlers;

internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == call.CancellationToken)
        {
            _current = await call.ReadMessageAsync(parser, call.CancellationToken).ConfigureAwait(false);
            return _current is not null;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        _current = await call.ReadMessageAsync(parser, linked.Token).ConfigureAwait(false);
        return _current is not null;
    }
}
