using Google.Protobuf;
using Grpc.Core;
using Oversight.Testing.V1;

namespace Oversight.Testing;

/// <summary>Echoes what it is sent; fails, waits or streams on request. Echoes x-* metadata back as headers and trailers.</summary>
public sealed class EchoGrpcService : EchoService.EchoServiceBase
{
    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await DelayAsync(request.DelayMs, request.IgnoreCancellation, context);
        FailIfAsked(request.FailWithCode, request.FailMessage);
        var response = new EchoResponse { Message = request.Message, Payload = request.Payload };
        AddSeenMetadata(context, response);
        return response;
    }

    public override async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
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

    public override async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
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

    public override async Task Duplex(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream,
        ServerCallContext context)
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

    // Kept allocation-free when there is nothing to echo: the load benchmark calls Echo with no x-* headers.
    private static Task EchoMetadataAsync(ServerCallContext context)
    {
        Metadata? echoed = null;
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-echo-", StringComparison.Ordinal))
            {
                (echoed ??= new Metadata()).Add(entry);
                context.ResponseTrailers.Add(entry.IsBinary
                    ? new Metadata.Entry(entry.Key.Replace("x-echo-", "x-trailer-", StringComparison.Ordinal), entry.ValueBytes)
                    : new Metadata.Entry(entry.Key.Replace("x-echo-", "x-trailer-", StringComparison.Ordinal), entry.Value));
            }
        }
        return echoed is null ? Task.CompletedTask : context.WriteResponseHeadersAsync(echoed);
    }

    private static void AddSeenMetadata(ServerCallContext context, EchoResponse response)
    {
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                response.SeenMetadata.Add(entry.IsBinary ? $"{entry.Key}={Convert.ToHexString(entry.ValueBytes)}" : $"{entry.Key}={entry.Value}");
            }
        }
        if (response.SeenMetadata.Count > 1)
        {
            var sorted = response.SeenMetadata.Order(StringComparer.Ordinal).ToList();
            response.SeenMetadata.Clear();
            response.SeenMetadata.Add(sorted);
        }
    }

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
            throw new RpcException(new Status((StatusCode)code, message));
        }
    }
}
