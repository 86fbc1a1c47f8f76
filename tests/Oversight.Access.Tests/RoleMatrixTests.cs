using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Oversight.ServiceDefaults.Errors;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.Access.Tests;

/// <summary>
/// Every RPC of the four services, called with no key, a wrong key, and a key of each role. Allowed means the call
/// got past access control (whatever the service then said about the empty request); denied means PERMISSION_DENIED
/// for the role. The table below is the issue's: it is written out here, not read from the policy.
/// </summary>
public sealed class RoleMatrixTests(AccessStack stack) : IClassFixture<AccessStack>
{
    private const string C = Roles.CityOffice;
    private const string P = Roles.ProvinceAdmin;
    private const string S = Roles.Sweeper;
    private const string V = Roles.Service;
    private const string A = Roles.Auditor;

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["oversight.ingestion.v1.IngestionService/SubmitReport"] = [C, P, V],
        ["oversight.ingestion.v1.IngestionService/IngestReports"] = [C, P, V],
        ["oversight.ingestion.v1.IngestionService/SubmitReports"] = [C, P, V],
        ["oversight.ingestion.v1.IngestionService/GetReport"] = [C, P, S, V],
        ["oversight.ingestion.v1.IngestionService/GetReports"] = [C, P, S, V],
        ["oversight.ingestion.v1.IngestionService/ListRevisions"] = [C, P, S, V],
        ["oversight.ingestion.v1.IngestionService/ListReports"] = [C, P, S, V],
        ["oversight.ingestion.v1.IngestionService/StreamReports"] = [C, P, S, V],
        ["oversight.ingestion.v1.IngestionService/CountReports"] = [C, P, S, V],
        ["oversight.metrics.v1.MetricsService/AnalyzeReport"] = [P, V],
        ["oversight.metrics.v1.MetricsService/GetReportMetrics"] = [C, P, S],
        ["oversight.metrics.v1.MetricsService/QueryAggregates"] = [C, P, S],
        ["oversight.metrics.v1.MetricsService/CompareYears"] = [C, P, S],
        ["oversight.metrics.v1.MetricsService/ListIndicators"] = [C, P, S],
        ["oversight.metrics.v1.MetricsService/ExportValues"] = [C, P, S],
        ["oversight.compliance.v1.ComplianceService/CheckReport"] = [P, V],
        ["oversight.compliance.v1.ComplianceService/ListFindings"] = [C, P, S],
        ["oversight.compliance.v1.ComplianceService/SummarizeFindings"] = [C, P, S],
        ["oversight.compliance.v1.ComplianceService/GetFinding"] = [C, P, S],
        ["oversight.compliance.v1.ComplianceService/WaiveFinding"] = [P],
        ["oversight.compliance.v1.ComplianceService/ReopenFinding"] = [P],
        ["oversight.compliance.v1.ComplianceService/RunSweep"] = [P, S],
        ["oversight.compliance.v1.ComplianceService/ListSweeps"] = [P, S],
        ["oversight.compliance.v1.ComplianceService/GetSweep"] = [P, S],
        ["oversight.compliance.v1.ComplianceService/ListRulePacks"] = [C, P, S],
        ["oversight.compliance.v1.ComplianceService/GetRulePack"] = [C, P, S],
        ["oversight.compliance.v1.ComplianceService/UpsertRulePack"] = [P],
        ["oversight.compliance.v1.ComplianceService/ImportRegistry"] = [P],
        ["oversight.compliance.v1.ComplianceService/ImportRegistryFile"] = [P],
        ["oversight.compliance.v1.ComplianceService/ListRegistry"] = [P, S, V],
        ["oversight.access.v1.AccessService/CreateKey"] = [P],
        ["oversight.access.v1.AccessService/ListKeys"] = [P],
        ["oversight.access.v1.AccessService/RevokeKey"] = [P],
        ["oversight.access.v1.AccessService/VerifyKey"] = [V],
        ["oversight.access.v1.AccessService/ListAudit"] = [P, A],
        ["oversight.push.v1.PushService/CreateSubscription"] = [C, P],
        ["oversight.push.v1.PushService/ListSubscriptions"] = [C, P],
        ["oversight.push.v1.PushService/DeleteSubscription"] = [C, P],
        ["oversight.push.v1.PushService/PauseSubscription"] = [C, P],
        ["oversight.push.v1.PushService/ResumeSubscription"] = [C, P],
        ["oversight.push.v1.PushService/ListDeliveries"] = [C, P],
        ["oversight.push.v1.PushService/ReplayDelivery"] = [C, P],
        ["oversight.access.v1.AccessService/GetCaller"] = [C, P, S, A, V],
    };

    public static TheoryData<string> Methods => new(Expected.Keys);

    [Fact]
    public void Expected_EveryRpcOfTheFourServices_IsListed()
    {
        var rpcs = Services().SelectMany(s => s.Descriptor.Methods.Select(m => $"{s.Descriptor.FullName}/{m.Name}")).Order().ToList();

        Assert.Equal(rpcs, Expected.Keys.Order().ToList());
        Assert.Equal(rpcs, AccessPolicy.Default.Methods.Select(m => m.TrimStart('/')).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_EachRole_AllowedOrPermissionDenied(string method)
    {
        foreach (var role in Roles.All)
        {
            var key = await KeyFor(role);
            var status = await CallAsync(method, key);
            if (Expected[method].Contains(role))
            {
                Assert.True(status.Code is not (StatusCode.Unauthenticated or StatusCode.Unimplemented) && status.Reason != "ROLE_NOT_ALLOWED",
                    $"{role} → {method}: {status}");
            }
            else
            {
                Assert.True(status is { Code: StatusCode.PermissionDenied, Reason: "ROLE_NOT_ALLOWED" }, $"{role} → {method}: {status}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_NoKeyOrWrongKey_Unauthenticated(string method)
    {
        var wrong = Oversight.Access.ApiKeys.Create().Token;

        var none = await CallAsync(method, null);
        var bad = await CallAsync(method, wrong);
        var malformed = await CallAsync(method, "not-a-key");

        Assert.Equal((StatusCode.Unauthenticated, "KEY_MISSING"), (none.Code, none.Reason));
        Assert.Equal((StatusCode.Unauthenticated, "KEY_INVALID"), (bad.Code, bad.Reason));
        Assert.Equal((StatusCode.Unauthenticated, "KEY_MALFORMED"), (malformed.Code, malformed.Reason));
    }

    [Fact]
    public async Task HealthAndReflection_NoKey_Served()
    {
        foreach (var service in new[] { "ingestion", "metrics", "compliance" })
        {
            var health = await new Grpc.Health.V1.Health.HealthClient(stack.Channel(service, null)).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }
        var reflection = await CallAsync("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", null, "compliance");
        Assert.Equal(StatusCode.OK, reflection.Code);
    }

    private static readonly Marshaller<Empty> EmptyMarshaller = Marshallers.Create(m => m.ToByteArray(), Empty.Parser.ParseFrom);

    private readonly Dictionary<string, string> _keys = [];

    private async Task<string> KeyFor(string role)
    {
        if (!_keys.TryGetValue(role, out var key))
        {
            _keys[role] = key = await stack.CreateKeyAsync(role, role == Roles.Service ? "" : "14", "matrix " + role);
        }
        return key;
    }

    private static (string Service, Google.Protobuf.Reflection.ServiceDescriptor Descriptor)[] Services() =>
    [
        ("ingestion", Contracts.Ingestion.V1.IngestionReflection.Descriptor.Services[0]),
        ("metrics", Contracts.Metrics.V1.MetricsReflection.Descriptor.Services[0]),
        ("compliance", Contracts.Compliance.V1.ComplianceReflection.Descriptor.Services[0]),
        ("compliance", Contracts.Access.V1.AccessReflection.Descriptor.Services[0]),
        ("compliance", Contracts.Push.V1.PushReflection.Descriptor.Services[0]),
    ];

    /// <summary>Calls a method with an empty request (any message parses as Empty), ends any request stream at once, reads every response.</summary>
    private async Task<(StatusCode Code, string? Reason)> CallAsync(string method, string? key, string? service = null)
    {
        var slash = method.IndexOf('/');
        var serviceName = method[..slash];
        service ??= Services().First(s => s.Descriptor.FullName == serviceName).Service;
        var descriptor = Services().Select(s => s.Descriptor).FirstOrDefault(s => s.FullName == serviceName)?.FindMethodByName(method[(slash + 1)..]);
        var type = descriptor is null ? MethodType.DuplexStreaming : (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var rpc = new Method<Empty, Empty>(type, serviceName, method[(slash + 1)..], EmptyMarshaller, EmptyMarshaller);
        var channel = stack.Channel(service, key).CreateCallInvoker();
        var options = CallDeadline.In(TimeSpan.FromSeconds(20));
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await channel.AsyncUnaryCall(rpc, null, options, new Empty());
                    break;
                case MethodType.ServerStreaming:
                    using (var call = channel.AsyncServerStreamingCall(rpc, null, options, new Empty()))
                    {
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }
                    break;
                case MethodType.ClientStreaming:
                    using (var call = channel.AsyncClientStreamingCall(rpc, null, options))
                    {
                        await WriteEndAsync(call.RequestStream, method);
                        await call.ResponseAsync;
                    }
                    break;
                default:
                    using (var call = channel.AsyncDuplexStreamingCall(rpc, null, options))
                    {
                        await WriteEndAsync(call.RequestStream, method);
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }
                    break;
            }
            return (StatusCode.OK, null);
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ServiceError.ReasonOf(ex));
        }
    }

    // The server may refuse before the request is written; then the write reports the server's status, which the read repeats.
    private static async Task WriteEndAsync(IClientStreamWriter<Empty> writer, string method)
    {
        try
        {
            if (method.StartsWith("grpc.reflection", StringComparison.Ordinal))
            {
                await writer.WriteAsync(new Empty());
            }
            await writer.CompleteAsync();
        }
        catch (RpcException)
        {
        }
    }
}
