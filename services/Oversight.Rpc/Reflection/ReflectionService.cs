using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Oversight.Rpc.Server;

namespace Oversight.Rpc.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection.</summary>
public sealed class ReflectionService(ReflectionIndexProvider index) : IGrpcService
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public async Task ServerReflectionInfo(IAsyncStreamReader<ServerReflectionRequest> requestStream, IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(index.Index.Answer(requestStream.Current), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
