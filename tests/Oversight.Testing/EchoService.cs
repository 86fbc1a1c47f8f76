using Google.Protobuf;
using Google.Protobuf.Reflection;
using Oversight.Rpc;
using Oversight.Rpc.Server;
using Oversight.Testing.V1;

namespace Oversight.Testing;

/// <summary>Echoes what it is sent; fails, waits or streams on request. Echoes x-* metadata back as headers and trailers.</summary>
public sealed class EchoService : IGrpcService
{
    public static ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];

    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await DelayAsync(request.DelayMs, request.IgnoreCancellation, context);
        FailIfAsked(request.FailWithCode, request.FailMessage);
        return new EchoResponse { Message = request.Message, Payload = request.Payload, SeenMetadata = { SeenMetadata(context) } };
    }

    public async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var payload = ByteString.CopyFrom(new byte[request.PayloadSize]);
        for (var i = 0; i < request.Count; i++)
        {
            await DelayAsync(request.DelayMs, false, context);
            await responseStream.WriteAsync(new EchoResponse { Message = request.Message, Index = i, Payload = payload });
        }
        FailIfAsked(request.FailWithCode, request.FailMessage);
    }

    public async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var count = 0;
        long bytes = 0;
        var last = "";
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            count++;
            bytes += request.Payload.Length;
            last = request.Message;
            await DelayAsync(request.DelayMs, false, context);
            FailIfAsked(request.FailWithCode, request.FailMessage);
        }
        return new EchoResponse { Message = $"{count}:{bytes}:{last}", Index = count };
    }

    public async Task Duplex(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var index = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            await DelayAsync(request.DelayMs, false, context);
            FailIfAsked(request.FailWithCode, request.FailMessage);
            await responseStream.WriteAsync(new EchoResponse { Message = request.Message, Payload = request.Payload, Index = index++ });
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-echo-", StringComparison.Ordinal))
            {
                echoed.Add(entry);
                context.ResponseTrailers.Add(entry.IsBinary
                    ? new Metadata.Entry(entry.Key.Replace("x-echo-", "x-trailer-", StringComparison.Ordinal), entry.ValueBytes)
                    : new Metadata.Entry(entry.Key.Replace("x-echo-", "x-trailer-", StringComparison.Ordinal), entry.Value));
            }
        }
        if (echoed.Count > 0)
        {
            await context.WriteResponseHeadersAsync(echoed);
        }
    }

    private static IEnumerable<string> SeenMetadata(ServerCallContext context) =>
        context.RequestHeaders
            .Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal))
            .Select(e => e.IsBinary ? $"{e.Key}={Convert.ToHexString(e.ValueBytes)}" : $"{e.Key}={e.Value}")
            .Order(StringComparer.Ordinal);

    private static Task DelayAsync(int milliseconds, bool ignoreCancellation, ServerCallContext context) =>
        milliseconds <= 0 ? Task.CompletedTask : Task.Delay(milliseconds, ignoreCancellation ? CancellationToken.None : context.CancellationToken);

    private static void FailIfAsked(int code, string message)
    {
        if (code < 0)
        {
            // An unexpected failure whose details must not reach the client.
            throw new InvalidOperationException("secret-internal-detail " + message);
        }
        if (code != 0)
        {
            throw new RpcException((StatusCode)code, message);
        }
    }
}
