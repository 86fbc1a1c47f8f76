using Grpc.Health.V1;
using Oversight.Rpc.Client;

namespace Oversight.Rpc.Clients;

/// <summary>Typed client for health; one method per RPC of the proto (checked by a test).</summary>
public sealed class HealthClient(GrpcChannel channel)
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = HealthReflection.Descriptor.Services[0];

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod = Method<HealthCheckRequest, HealthCheckResponse>.FromDescriptor(Service.FindMethodByName("Check"));
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod = Method<HealthCheckRequest, HealthCheckResponse>.FromDescriptor(Service.FindMethodByName("Watch"));

    public GrpcChannel Channel => channel;

    public AsyncUnaryCall<HealthCheckResponse> CheckAsync(HealthCheckRequest request, CallOptions options = default) => channel.AsyncUnaryCall(CheckMethod, request, options);

    public AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, CallOptions options = default) => channel.AsyncServerStreamingCall(WatchMethod, request, options);
}
