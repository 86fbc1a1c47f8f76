using Google.Protobuf.Reflection;
using Oversight.Rpc.Clients;

namespace Oversight.Rpc.Tests;

public class TypedClientTests
{
    public static TheoryData<Type, string> Clients => new()
    {
        { typeof(IngestionClient), "oversight.ingestion.v1.IngestionService" },
        { typeof(MetricsClient), "oversight.metrics.v1.MetricsService" },
        { typeof(ComplianceClient), "oversight.compliance.v1.ComplianceService" },
        { typeof(AccessClient), "oversight.access.v1.AccessService" },
        { typeof(HealthClient), "grpc.health.v1.Health" },
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public void TypedClient_EveryRpcOfItsService_HasAMethod(Type client, string service)
    {
        var descriptor = new[]
        {
            Oversight.Contracts.Ingestion.V1.IngestionReflection.Descriptor,
            Oversight.Contracts.Metrics.V1.MetricsReflection.Descriptor,
            Oversight.Contracts.Compliance.V1.ComplianceReflection.Descriptor,
            Oversight.Contracts.Access.V1.AccessReflection.Descriptor,
            Grpc.Health.V1.HealthReflection.Descriptor,
        }.SelectMany(f => f.Services).Single(s => s.FullName == service);
        var methods = client.GetMethods().Select(m => m.Name).ToHashSet();

        foreach (MethodDescriptor rpc in descriptor.Methods)
        {
            var expected = rpc.IsClientStreaming || rpc.IsServerStreaming ? rpc.Name : rpc.Name + "Async";
            Assert.Contains(expected, methods);
        }
    }
}
