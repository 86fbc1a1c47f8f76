using Google.Protobuf;
using Google.Protobuf.Reflection;
using Oversight.Rpc.Client;
using Oversight.Rpc.Reflection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Oversight.Rpc.Tests;

[Collection(nameof(EchoServerCollection))]
public class ReflectionTests(EchoServerFixture fixture)
{
    private static readonly Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse> V1Method =
        Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse>.FromDescriptor(ReflectionService.Descriptor.Methods[0]);

    private static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> V1AlphaMethod =
        Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>.FromDescriptor(ReflectionServiceV1Alpha.Descriptor.Methods[0]);

    [Fact]
    public async Task ListServices_V1_ListsEveryMappedService()
    {
        var response = await AskAsync(new V1.ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("oversight.testing.v1.EchoService", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1.ServerReflection", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
    }

    [Fact]
    public async Task FileContainingSymbol_Method_ReturnsBuildableDescriptors()
    {
        var response = await AskAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "oversight.testing.v1.EchoService.Echo" });

        var files = FileDescriptor.BuildFromByteStrings(response.FileDescriptorResponse.FileDescriptorProto);
        var service = files.SelectMany(f => f.Services).Single(s => s.FullName == "oversight.testing.v1.EchoService");
        Assert.Equal(["Echo", "ServerStream", "ClientStream", "Duplex"], service.Methods.Select(m => m.Name));
    }

    [Fact]
    public async Task FileByFilename_Unknown_NotFoundErrorResponse()
    {
        var response = await AskAsync(new V1.ServerReflectionRequest { FileByFilename = "nope.proto" });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task ListServices_V1Alpha_AnswersLikeV1()
    {
        using var call = fixture.Channel.AsyncDuplexStreamingCall(V1AlphaMethod);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = FileDescriptor.BuildFromByteStrings(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto);
        Assert.Contains(files, f => f.Name == "grpc/health/v1/health.proto");
    }

    private async Task<V1.ServerReflectionResponse> AskAsync(V1.ServerReflectionRequest request)
    {
        using var call = fixture.Channel.AsyncDuplexStreamingCall(V1Method);
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return response;
    }
}
