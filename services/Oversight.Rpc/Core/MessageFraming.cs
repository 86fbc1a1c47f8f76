using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Oversight.Rpc;

/// <summary>Length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, the payload.</summary>
public static class MessageFraming
{
    public const int HeaderSize = 5;

    /// <summary>Writes one framed message; compresses with gzip when <paramref name="encoding"/> says so.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message, string? encoding, CompressionLevel level, int maxSize)
    {
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"发送的消息为 {size} 字节,超过上限 {maxSize} 字节 (message larger than the send limit)");
        }
        if (encoding == MessageCompression.Gzip)
        {
            var raw = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            try
            {
                message.WriteTo(raw.AsSpan(0, size));
                var compressed = MessageCompression.Compress(raw.AsSpan(0, size), level);
                var span = writer.GetSpan(HeaderSize + compressed.Length);
                span[0] = 1;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)compressed.Length);
                compressed.CopyTo(span[HeaderSize..]);
                writer.Advance(HeaderSize + compressed.Length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
            return;
        }
        var target = writer.GetSpan(HeaderSize + size);
        target[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(target[1..], (uint)size);
        message.WriteTo(target.Slice(HeaderSize, size));
        writer.Advance(HeaderSize + size);
    }

    /// <summary>Reads the next message, or null when the stream ended cleanly between messages.</summary>
    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, string? encoding, int maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            T? message;
            bool parsed;
            try
            {
                parsed = TryParse(ref buffer, parser, encoding, maxSize, out message);
            }
            catch
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }
            if (parsed)
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (remaining == 0)
                {
                    return null;
                }
                throw new RpcException(StatusCode.Internal, "消息不完整:数据流在消息中途结束 (incomplete message)");
            }
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw new OperationCanceledException(cancellationToken);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Reads the one message of a unary request: waits for the end of the stream (usually in the same
    /// read, as DATA and END_STREAM travel together), then requires exactly one message.
    /// </summary>
    public static async ValueTask<T?> ReadSingleAsync<T>(PipeReader reader, MessageParser<T> parser, string? encoding, int maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (buffer.Length >= HeaderSize)
                {
                    var declared = DeclaredLength(buffer);
                    if (declared > (uint)maxSize)
                    {
                        throw new RpcException(StatusCode.ResourceExhausted, $"收到的消息为 {declared} 字节,超过上限 {maxSize} 字节 (message larger than the receive limit)");
                    }
                    if (buffer.Length > HeaderSize + declared)
                    {
                        throw new RpcException(StatusCode.Internal, "单次请求中包含多条消息 (more than one message in a unary request)");
                    }
                }
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
                if (!result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
                if (buffer.Length == 0)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }
                if (!TryParse(ref buffer, parser, encoding, maxSize, out var message))
                {
                    throw new RpcException(StatusCode.Internal, "消息不完整:数据流在消息中途结束 (incomplete message)");
                }
                reader.AdvanceTo(buffer.End);
                return message;
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.End);
                throw;
            }
        }
    }

    private static uint DeclaredLength(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    }

    private static bool TryParse<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, string? encoding, int maxSize, out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var compressed = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (compressed > 1)
        {
            throw new RpcException(StatusCode.Internal, "消息帧的压缩标志无效 (invalid compressed flag)");
        }
        if (length > (uint)maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"收到的消息为 {length} 字节,超过上限 {maxSize} 字节 (message larger than the receive limit)");
        }
        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }
        var payload = buffer.Slice(HeaderSize, length);
        try
        {
            if (compressed == 1)
            {
                if (encoding != MessageCompression.Gzip)
                {
                    throw new RpcException(StatusCode.Internal, "消息标记为已压缩,但未声明 grpc-encoding (compressed message without grpc-encoding)");
                }
                message = parser.ParseFrom(MessageCompression.Decompress(payload, maxSize));
            }
            else
            {
                message = parser.ParseFrom(payload);
            }
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, "无法解析 protobuf 消息 (failed to deserialize message)");
        }
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
