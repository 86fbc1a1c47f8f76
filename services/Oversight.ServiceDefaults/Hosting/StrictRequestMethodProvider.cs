using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// Binds Oversight's services as grpc-dotnet's own binder does, from the generated BindService, with one difference:
/// a request that is not a valid message of its type (malformed or truncated protobuf, invalid UTF-8 in a string,
/// nesting past the parser's limit) is INVALID_ARGUMENT with the stable reason REQUEST_MALFORMED, not UNKNOWN
/// "Exception was thrown by handler." with a stack trace in the log. Other services (health, reflection) keep the
/// default binder.
/// </summary>
internal sealed class StrictRequestMethodProvider<TService>(IServiceProvider services, DefaultBinder defaults) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault();
        if (bind is null || !typeof(TService).Assembly.GetName().Name!.StartsWith("Oversight.", StringComparison.Ordinal))
        {
            ((IServiceMethodProvider<TService>)ActivatorUtilities.CreateInstance(services, defaults.Type.MakeGenericType(typeof(TService))))
                .OnServiceMethodDiscovery(context);
            return;
        }
        var method = bind.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == bind.BindMethodName && m.GetParameters() is [{ ParameterType: var binder }, _] && binder == typeof(ServiceBinderBase));
        method.Invoke(null, [new Binder(context), null]);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Strict(method), [], Invoker<Grpc.AspNetCore.Server.Model.UnaryServerMethod<TService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Strict(method), [],
                Invoker<Grpc.AspNetCore.Server.Model.ServerStreamingServerMethod<TService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Strict(method), [],
                Invoker<Grpc.AspNetCore.Server.Model.ClientStreamingServerMethod<TService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Strict(method), [],
                Invoker<Grpc.AspNetCore.Server.Model.DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method));

        // The service's override of the generated base method, called per request on the instance grpc-dotnet activates.
        private static TDelegate Invoker<TDelegate>(IMethod method) where TDelegate : Delegate
        {
            var implementation = typeof(TService).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Single(m => m.Name == method.Name && m.GetBaseDefinition().DeclaringType != typeof(object));
            return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), null, implementation);
        }

        private static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method) where TRequest : class
            where TResponse : class
        {
            var parse = method.RequestMarshaller.ContextualDeserializer;
            var marshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
            {
                try
                {
                    return parse(context);
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw new ServiceError(StatusCode.InvalidArgument, Reasons.RequestMalformed,
                        $"请求不是有效的 {typeof(TRequest).Name} 消息,无法解析:请按接口定义(protos/)编码请求 [{ex.Message}]", "").ToRpcException();
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }
    }
}

/// <summary>grpc-dotnet's own method provider (an internal type), kept for the services this project does not own.</summary>
internal sealed record DefaultBinder(Type Type);

internal static class StrictRequestRegistration
{
    /// <summary>Puts <see cref="StrictRequestMethodProvider{TService}"/> in place of grpc-dotnet's binder; call after AddGrpc.</summary>
    public static IServiceCollection AddStrictRequests(this IServiceCollection services)
    {
        // Single: anything that calls AddGrpc after this (Grpc.Swagger does) would add grpc-dotnet's binder back, and every
        // method would be bound twice (AmbiguousMatchException on each call); such a registration must come before this.
        var descriptor = services.Single(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType is { Name: "BinderServiceMethodProvider`1" });
        services.Remove(descriptor);
        services.AddSingleton(new DefaultBinder(descriptor.ImplementationType!));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(StrictRequestMethodProvider<>));
        return services;
    }
}
