using System.Runtime.CompilerServices;

namespace Oversight.Rpc.Client;

/// <summary>What every call exposes besides its messages.</summary>
internal interface ICallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}

public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly ICallState _state;

    internal AsyncUnaryCall(Task<TResponse> response, ICallState state)
    {
        ResponseAsync = response;
        _state = state;
    }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>The final status; only once the call has finished.</summary>
    public Status GetStatus() => _state.GetStatus();

    public Metadata GetTrailers() => _state.GetTrailers();

    public void Dispose() => _state.Dispose();
}

public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly ICallState _state;

    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, ICallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    public Status GetStatus() => _state.GetStatus();

    public Metadata GetTrailers() => _state.GetTrailers();

    public void Dispose() => _state.Dispose();
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly ICallState _state;

    internal AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> response, ICallState state)
    {
        RequestStream = requestStream;
        ResponseAsync = response;
        _state = state;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public Status GetStatus() => _state.GetStatus();

    public Metadata GetTrailers() => _state.GetTrailers();

    public void Dispose() => _state.Dispose();
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly ICallState _state;

    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, ICallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    public Status GetStatus() => _state.GetStatus();

    public Metadata GetTrailers() => _state.GetTrailers();

    public void Dispose() => _state.Dispose();
}
