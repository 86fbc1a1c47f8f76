using System.Reflection;
using Google.Protobuf;

namespace Oversight.Rpc.Server.CallHandlers;

internal sealed class DuplexStreamingServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> _invoker;
    private readonly TService _service;

    public DuplexStreamingServerCallHandler(Method<TRequest, TResponse> method, MethodInfo implementation, TService service, CallHandlerServices services)
        : base(method.FullName, services)
    {
        _service = service;
        _method = method;
        _invoker = implementation.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
    }

    protected override async Task HandleCoreAsync(HttpContextServerCallContext call)
    {
        call.AllowLongRequestStream();
        var reader = new HttpContextStreamReader<TRequest>(call, _method.RequestParser);
        await _invoker(_service, reader, new HttpContextStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
