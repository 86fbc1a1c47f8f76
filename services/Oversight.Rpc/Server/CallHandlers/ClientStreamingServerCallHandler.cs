using System.Reflection;
using Google.Protobuf;

namespace Oversight.Rpc.Server.CallHandlers;

internal sealed class ClientStreamingServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> _invoker;
    private readonly TService _service;

    public ClientStreamingServerCallHandler(Method<TRequest, TResponse> method, MethodInfo implementation, TService service, CallHandlerServices services)
        : base(method.FullName, services)
    {
        _service = service;
        _method = method;
        _invoker = implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();
    }

    protected override async Task HandleCoreAsync(HttpContextServerCallContext call)
    {
        call.AllowLongRequestStream();
        var reader = new HttpContextStreamReader<TRequest>(call, _method.RequestParser);
        var response = await _invoker(_service, reader, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{_method.FullName} returned no response message.");
        await call.WriteMessageAsync(response, flush: false, call.CancellationToken).ConfigureAwait(false);
    }
}
