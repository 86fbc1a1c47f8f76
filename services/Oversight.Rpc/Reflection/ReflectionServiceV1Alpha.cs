using Google.Protobuf;
using Google.Protobuf.Reflection;
using Oversight.Rpc.Server;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Oversight.Rpc.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, still what many tools ask first. Its messages are
/// wire-identical to v1's, so requests and answers are carried across as bytes.
/// </summary>
public sealed class ReflectionServiceV1Alpha(ReflectionIndexProvider index) : IGrpcService
{
    public static ServiceDescriptor Descriptor => V1Alpha.ReflectionReflection.Descriptor.Services[0];

    public async Task ServerReflectionInfo(IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream, IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var answer = index.Index.Answer(request);
            await responseStream.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
