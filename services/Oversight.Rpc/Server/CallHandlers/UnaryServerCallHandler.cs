using System.Reflection;
using Google.Protobuf;

namespace Oversight.Rpc.Server.CallHandlers;

internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TService, TRequest, ServerCallContext, Task<TResponse>> _invoker;
    private readonly TService _service;

    public UnaryServerCallHandler(Method<TRequest, TResponse> method, MethodInfo implementation, TService service, CallHandlerServices services)
        : base(method.FullName, services)
    {
        _service = service;
        _method = method;
        _invoker = implementation.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
    }

    protected override async Task HandleCoreAsync(HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(_method.RequestParser).ConfigureAwait(false);
        var response = await _invoker(_service, request, call).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{_method.FullName} returned no response message.");
        await call.WriteMessageAsync(response, flush: false, call.CancellationToken).ConfigureAwait(false);
    }
}
