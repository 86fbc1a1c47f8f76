using System.Buffers;
using System.IO.Compression;

namespace Oversight.Rpc;

/// <summary>The message encodings this transport speaks: identity and gzip.</summary>
public static class MessageCompression
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string AcceptEncoding = "identity,gzip";

    public static bool IsSupported(string? encoding) =>
        string.IsNullOrEmpty(encoding) || encoding == Identity || encoding == Gzip;

    /// <summary>True when a grpc-accept-encoding list names the encoding.</summary>
    public static bool Accepts(string? acceptEncoding, string encoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }
        foreach (var part in acceptEncoding.Split(','))
        {
            if (part.Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    public static byte[] Compress(ReadOnlySpan<byte> payload, CompressionLevel level)
    {
        using var output = new MemoryStream(payload.Length / 2 + 64);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(payload);
        }
        return output.ToArray();
    }

    /// <summary>Decompresses a gzip payload, refusing to produce more than maxLength bytes.</summary>
    public static byte[] Decompress(ReadOnlySequence<byte> payload, int maxLength)
    {
        using var input = new SequenceStream(payload);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    throw new RpcException(StatusCode.ResourceExhausted, $"解压后的消息超过上限 {maxLength} 字节 (decompressed message larger than {maxLength} bytes)");
                }
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, "gzip 压缩的消息无法解压 (malformed gzip message)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return output.ToArray();
    }

    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private readonly long _length = sequence.Length;
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _remaining.Length; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, n).CopyTo(buffer);
            _remaining = _remaining.Slice(n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
