using System.Reflection;
using Google.Protobuf;

namespace Oversight.Rpc.Server.CallHandlers;

internal sealed class ServerStreamingServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> _invoker;
    private readonly TService _service;

    public ServerStreamingServerCallHandler(Method<TRequest, TResponse> method, MethodInfo implementation, TService service, CallHandlerServices services)
        : base(method.FullName, services)
    {
        _service = service;
        _method = method;
        _invoker = implementation.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
    }

    protected override async Task HandleCoreAsync(HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(_method.RequestParser).ConfigureAwait(false);
        await _invoker(_service, request, new HttpContextStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
