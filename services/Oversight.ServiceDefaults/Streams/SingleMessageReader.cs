using Grpc.Core;

namespace Oversight.ServiceDefaults.Streams;

/// <summary>
/// One message read as a request stream: lets a unary call (a file sent whole) run through the handler of its
/// client-streaming counterpart, so both share one implementation.
/// </summary>
public sealed class SingleMessageReader<T>(T message) : IAsyncStreamReader<T>
    where T : class
{
    private bool _read;

    public T Current => _read ? message : throw new InvalidOperationException("MoveNext has not been called");

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var more = !_read;
        _read = true;
        return Task.FromResult(more);
    }
}
