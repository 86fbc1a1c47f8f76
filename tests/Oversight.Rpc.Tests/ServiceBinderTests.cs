using Google.Protobuf.Reflection;
using Oversight.Rpc.Server;
using Oversight.Testing;
using Oversight.Testing.V1;

namespace Oversight.Rpc.Tests;

public class ServiceBinderTests
{
    [Fact]
    public void Validate_ServiceMissingAnRpc_StartupErrorNamesItAndItsSignature()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ServiceBinder.Validate(typeof(PartialEcho), PartialEcho.Descriptor));

        Assert.Contains("ClientStream", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Duplex", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest>, ServerCallContext)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("  Echo:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapGrpcService_ServiceMissingAnRpc_HostFailsToStart()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await LoopbackGrpcServer.StartAsync(e => e.MapGrpcService<PartialEcho>()));
    }

    [Fact]
    public void Validate_CompleteService_Passes()
    {
        ServiceBinder.Validate(typeof(EchoService), EchoService.Descriptor);
    }

    public sealed class PartialEcho : IGrpcService
    {
        public static ServiceDescriptor Descriptor => EchoService.Descriptor;

        public Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse());

        public Task ServerStream(StreamRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context) => Task.CompletedTask;

        // Wrong shape on purpose: a client-streaming RPC bound as unary.
        public Task<EchoResponse> ClientStream(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse());
    }
}
