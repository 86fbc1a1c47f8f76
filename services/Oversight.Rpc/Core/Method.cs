using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Oversight.Rpc;

/// <summary>An RPC as the wire sees it: its path, its call type and how to read its messages.</summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        RequestParser = requestParser;
        ResponseParser = responseParser;
    }

    public MethodType Type { get; }

    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 :path, "/package.Service/Method".</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    /// <summary>Builds the method from a generated service descriptor, checking the message types agree.</summary>
    public static Method<TRequest, TResponse> FromDescriptor(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{descriptor.FullName} takes {descriptor.InputType.ClrType?.Name} and returns {descriptor.OutputType.ClrType?.Name}, not {typeof(TRequest).Name} → {typeof(TResponse).Name}.",
                nameof(descriptor));
        }
        return new Method<TRequest, TResponse>(
            MethodTypes.Of(descriptor),
            descriptor.Service.FullName,
            descriptor.Name,
            (MessageParser<TRequest>)descriptor.InputType.Parser,
            (MessageParser<TResponse>)descriptor.OutputType.Parser);
    }
}

public static class MethodTypes
{
    public static MethodType Of(MethodDescriptor descriptor) => (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };
}
