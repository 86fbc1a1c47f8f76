using System.Buffers.Binary;
using Google.Protobuf;

namespace Oversight.Testing;

/// <summary>Pre-framed, uncompressed gRPC bodies (5-byte prefix and the message) for raw HTTP/2 requests and load generators.</summary>
public static class GrpcFrames
{
    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), size);
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }
}
