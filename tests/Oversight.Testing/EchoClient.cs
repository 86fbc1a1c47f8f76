using Oversight.Rpc;
using Oversight.Rpc.Client;
using Oversight.Testing.V1;

namespace Oversight.Testing;

public sealed class EchoClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = EchoService.Descriptor;

    public static readonly Method<EchoRequest, EchoResponse> EchoMethod = Method<EchoRequest, EchoResponse>.FromDescriptor(Service.FindMethodByName("Echo"));
    public static readonly Method<StreamRequest, EchoResponse> ServerStreamMethod = Method<StreamRequest, EchoResponse>.FromDescriptor(Service.FindMethodByName("ServerStream"));
    public static readonly Method<EchoRequest, EchoResponse> ClientStreamMethod = Method<EchoRequest, EchoResponse>.FromDescriptor(Service.FindMethodByName("ClientStream"));
    public static readonly Method<EchoRequest, EchoResponse> DuplexMethod = Method<EchoRequest, EchoResponse>.FromDescriptor(Service.FindMethodByName("Duplex"));

    public AsyncUnaryCall<EchoResponse> EchoAsync(EchoRequest request, CallOptions options = default) => channel.AsyncUnaryCall(EchoMethod, request, options);

    public AsyncServerStreamingCall<EchoResponse> ServerStream(StreamRequest request, CallOptions options = default) => channel.AsyncServerStreamingCall(ServerStreamMethod, request, options);

    public AsyncClientStreamingCall<EchoRequest, EchoResponse> ClientStream(CallOptions options = default) => channel.AsyncClientStreamingCall(ClientStreamMethod, options);

    public AsyncDuplexStreamingCall<EchoRequest, EchoResponse> Duplex(CallOptions options = default) => channel.AsyncDuplexStreamingCall(DuplexMethod, options);
}
