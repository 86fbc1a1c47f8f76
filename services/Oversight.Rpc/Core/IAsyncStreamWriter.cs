namespace Oversight.Rpc;

/// <summary>Writes the messages of a stream; one write at a time.</summary>
public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The server's side of a response stream.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;

/// <summary>The client's side of a request stream; CompleteAsync half-closes it.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    Task CompleteAsync();
}
