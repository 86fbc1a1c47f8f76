using System.Buffers;
using System.IO.Compression;
using Google.Protobuf;
using Oversight.Rpc;

namespace Oversight.Testing;

/// <summary>Pre-framed gRPC bodies for raw HTTP/2 requests and load generators.</summary>
public static class GrpcFrames
{
    public static byte[] Frame(IMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(buffer, message, null, CompressionLevel.Fastest, int.MaxValue);
        return buffer.WrittenSpan.ToArray();
    }
}
