using System.Reflection;
using Google.Protobuf.Reflection;
using Oversight.Rpc.Server.CallHandlers;

namespace Oversight.Rpc.Server;

/// <summary>
/// Binds a service class to the RPCs of its proto service descriptor. Every RPC must have a public method
/// of the right name and signature; anything missing is reported at once, at startup.
/// </summary>
public static class ServiceBinder
{
    /// <summary>Throws <see cref="InvalidOperationException"/> listing every RPC the type does not implement.</summary>
    public static void Validate(Type serviceType, ServiceDescriptor descriptor) => _ = FindImplementations(serviceType, descriptor);

    internal static IReadOnlyList<ServerCallHandler> Bind(Type serviceType, ServiceDescriptor descriptor, object service, CallHandlerServices services)
    {
        var handlers = new List<ServerCallHandler>();
        foreach (var (method, implementation) in FindImplementations(serviceType, descriptor))
        {
            var request = method.InputType.ClrType;
            var response = method.OutputType.ClrType;
            var handlerType = MethodTypes.Of(method) switch
            {
                MethodType.Unary => typeof(UnaryServerCallHandler<,,>),
                MethodType.ServerStreaming => typeof(ServerStreamingServerCallHandler<,,>),
                MethodType.ClientStreaming => typeof(ClientStreamingServerCallHandler<,,>),
                _ => typeof(DuplexStreamingServerCallHandler<,,>),
            };
            var wireMethod = typeof(Method<,>).MakeGenericType(request, response)
                .GetMethod(nameof(Method<Grpc.Health.V1.HealthCheckRequest, Grpc.Health.V1.HealthCheckResponse>.FromDescriptor))!
                .Invoke(null, [method]);
            handlers.Add((ServerCallHandler)Activator.CreateInstance(handlerType.MakeGenericType(serviceType, request, response), wireMethod, implementation, service, services)!);
        }
        return handlers;
    }

    private static List<(MethodDescriptor Method, MethodInfo Implementation)> FindImplementations(Type serviceType, ServiceDescriptor descriptor)
    {
        var found = new List<(MethodDescriptor, MethodInfo)>();
        var problems = new List<string>();
        foreach (var method in descriptor.Methods)
        {
            var (parameters, returnType, signature) = ExpectedSignature(method);
            var implementation = serviceType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters);
            if (implementation is null || implementation.ReturnType != returnType)
            {
                problems.Add($"  {method.Name}: expected public {signature.Replace("M(", method.Name + "(", StringComparison.Ordinal)}");
                continue;
            }
            found.Add((method, implementation));
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"{serviceType.Name} does not implement every RPC of {descriptor.FullName}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
        return found;
    }

    private static (Type[] Parameters, Type ReturnType, string Signature) ExpectedSignature(MethodDescriptor method)
    {
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        var context = typeof(ServerCallContext);
        var reader = typeof(IAsyncStreamReader<>).MakeGenericType(request);
        var writer = typeof(IServerStreamWriter<>).MakeGenericType(response);
        var task = typeof(Task);
        var taskOfResponse = typeof(Task<>).MakeGenericType(response);
        return MethodTypes.Of(method) switch
        {
            MethodType.Unary => ([request, context], taskOfResponse, $"Task<{response.Name}> M({request.Name}, ServerCallContext)"),
            MethodType.ServerStreaming => ([request, writer, context], task, $"Task M({request.Name}, IServerStreamWriter<{response.Name}>, ServerCallContext)"),
            MethodType.ClientStreaming => ([reader, context], taskOfResponse, $"Task<{response.Name}> M(IAsyncStreamReader<{request.Name}>, ServerCallContext)"),
            _ => ([reader, writer, context], task, $"Task M(IAsyncStreamReader<{request.Name}>, IServerStreamWriter<{response.Name}>, ServerCallContext)"),
        };
    }
}
