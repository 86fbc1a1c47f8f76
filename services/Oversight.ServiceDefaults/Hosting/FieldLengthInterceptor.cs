using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Oversight.ServiceDefaults.Errors;
using Oversight.Vocabulary;

namespace Oversight.ServiceDefaults.Hosting;

/// <summary>
/// No string in a request is longer than its kind of field can be: an id, code, filter or token over 1,000 characters
/// (a 5 MB "report id" once held a metrics host's connection for the whole deadline), free text over 10,000, a rule
/// pack's YAML over 1 MB. Refused as INVALID_ARGUMENT with the reason FIELD_TOO_LONG before the service sees it.
/// Report bodies are bytes, bounded by the message size.
/// </summary>
public sealed class FieldLengthInterceptor : Interceptor
{
    public const int IdentifierLimit = 1_000;
    public const int TextLimit = 10_000;
    public const int DocumentLimit = 1024 * 1024;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new CheckedReader<TRequest>(requestStream), context);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new CheckedReader<TRequest>(requestStream), responseStream, context);

    // Each message of a stream is checked as it is read: the stream ends with FIELD_TOO_LONG at the first one over.
    private sealed class CheckedReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var more = await inner.MoveNext(cancellationToken);
            if (more && inner.Current is { } current)
            {
                Check(current);
            }
            return more;
        }
    }

    private static void Check(object request)
    {
        if (request is IMessage message && TooLong(message, 0) is { } field)
        {
            throw new ServiceError(StatusCode.InvalidArgument, Reasons.FieldTooLong,
                $"字段 {field.Name} 过长(最多 {Limit(field):N0} 个字符):请检查请求内容", field.JsonName).ToRpcException();
        }
    }

    private static FieldDescriptor? TooLong(IMessage message, int depth)
    {
        if (depth > 8)
        {
            return null;
        }
        foreach (var field in Checked(message.Descriptor))
        {
            var value = field.Accessor.GetValue(message);
            switch (field.FieldType)
            {
                case FieldType.String when field.IsRepeated:
                    if (AnyLonger((System.Collections.IEnumerable)value, Limit(field)))
                    {
                        return field;
                    }
                    break;
                case FieldType.String:
                    if (((string)value).Length > Limit(field))
                    {
                        return field;
                    }
                    break;
                case FieldType.Message when field.IsRepeated:
                    foreach (var item in ((System.Collections.IEnumerable)value).OfType<IMessage>())
                    {
                        if (TooLong(item, depth + 1) is { } inner)
                        {
                            return inner;
                        }
                    }
                    break;
                case FieldType.Message when value is IMessage nested:
                    if (TooLong(nested, depth + 1) is { } found)
                    {
                        return found;
                    }
                    break;
            }
        }
        return null;
    }

    // A loop rather than a lambda: a lambda capturing the field was allocated for every field of every request.
    private static bool AnyLonger(System.Collections.IEnumerable values, int limit)
    {
        foreach (string value in values)
        {
            if (value.Length > limit)
            {
                return true;
            }
        }
        return false;
    }

    // Per message type, once: the fields that can hold a string (strings and messages), in field-number order. The
    // others (numbers, flags, enums, bytes) are not read at all, so a call does not box its numbers to skip them.
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> CheckedFields = new();

    private static FieldDescriptor[] Checked(MessageDescriptor descriptor) => CheckedFields.GetOrAdd(descriptor,
        d => [.. d.Fields.InFieldNumberOrder().Where(f => f.FieldType is FieldType.String or FieldType.Message)]);

    private static int Limit(FieldDescriptor field) => field.Name switch
    {
        "yaml" => DocumentLimit,
        "reason" or "note" or "description" or "name" or "source_url" => TextLimit,
        _ => IdentifierLimit,
    };
}
