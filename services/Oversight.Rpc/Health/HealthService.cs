using System.Threading.Channels;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Oversight.Rpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Oversight.Rpc.Health;

/// <summary>grpc.health.v1.Health: Check and Watch, per service and for the server ("").</summary>
public sealed class HealthService(HealthStatusRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => HealthReflection.Descriptor.Services[0];

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!registry.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(StatusCode.NotFound, $"未知的服务 '{request.Service}' (unknown service)");
        }
        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var changes = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = registry.Subscribe(request.Service, status => changes.Writer.TryWrite(status));
        var last = registry.TryGetStatus(request.Service, out var current) ? current : ServingStatus.ServiceUnknown;
        await responseStream.WriteAsync(new HealthCheckResponse { Status = last }, context.CancellationToken).ConfigureAwait(false);
        await foreach (var status in changes.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (status != last)
            {
                last = status;
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }
}
