using Google.Protobuf.Reflection;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Contracts.Tests;

public class ServiceShapeTests
{
    public static TheoryData<string, string, bool, bool> Methods => new()
    {
        { "oversight.ingestion.v1.IngestionService", "SubmitReport", false, false },
        { "oversight.ingestion.v1.IngestionService", "IngestReports", true, true },
        { "oversight.ingestion.v1.IngestionService", "GetReport", false, false },
        { "oversight.ingestion.v1.IngestionService", "SubmitReports", false, false },
        { "oversight.ingestion.v1.IngestionService", "GetReports", false, true },
        { "oversight.ingestion.v1.IngestionService", "ListRevisions", false, false },
        { "oversight.ingestion.v1.IngestionService", "ListReports", false, false },
        { "oversight.ingestion.v1.IngestionService", "StreamReports", false, true },
        { "oversight.ingestion.v1.IngestionService", "CountReports", false, false },
        { "oversight.metrics.v1.MetricsService", "AnalyzeReport", false, false },
        { "oversight.metrics.v1.MetricsService", "GetReportMetrics", false, false },
        { "oversight.metrics.v1.MetricsService", "QueryAggregates", false, false },
        { "oversight.metrics.v1.MetricsService", "CompareYears", false, false },
        { "oversight.metrics.v1.MetricsService", "ListIndicators", false, false },
        { "oversight.metrics.v1.MetricsService", "ExportValues", false, true },
        { "oversight.compliance.v1.ComplianceService", "CheckReport", false, false },
        { "oversight.compliance.v1.ComplianceService", "ListFindings", false, false },
        { "oversight.compliance.v1.ComplianceService", "SummarizeFindings", false, false },
        { "oversight.compliance.v1.ComplianceService", "GetFinding", false, false },
        { "oversight.compliance.v1.ComplianceService", "WaiveFinding", false, false },
        { "oversight.compliance.v1.ComplianceService", "ReopenFinding", false, false },
        { "oversight.compliance.v1.ComplianceService", "RunSweep", false, true },
        { "oversight.compliance.v1.ComplianceService", "ListSweeps", false, false },
        { "oversight.compliance.v1.ComplianceService", "GetSweep", false, false },
        { "oversight.compliance.v1.ComplianceService", "ListRulePacks", false, false },
        { "oversight.compliance.v1.ComplianceService", "GetRulePack", false, false },
        { "oversight.compliance.v1.ComplianceService", "UpsertRulePack", false, false },
        { "oversight.compliance.v1.ComplianceService", "ImportRegistry", true, false },
        { "oversight.compliance.v1.ComplianceService", "ImportRegistryFile", false, false },
        { "oversight.compliance.v1.ComplianceService", "ListRegistry", false, false },
        { "oversight.access.v1.AccessService", "CreateKey", false, false },
        { "oversight.access.v1.AccessService", "ListKeys", false, false },
        { "oversight.access.v1.AccessService", "RevokeKey", false, false },
        { "oversight.access.v1.AccessService", "VerifyKey", false, false },
        { "oversight.access.v1.AccessService", "ListAudit", false, false },
        { "oversight.push.v1.PushService", "CreateSubscription", false, false },
        { "oversight.push.v1.PushService", "ListSubscriptions", false, false },
        { "oversight.push.v1.PushService", "DeleteSubscription", false, false },
        { "oversight.push.v1.PushService", "PauseSubscription", false, false },
        { "oversight.push.v1.PushService", "ResumeSubscription", false, false },
        { "oversight.push.v1.PushService", "ListDeliveries", false, false },
        { "oversight.push.v1.PushService", "ReplayDelivery", false, false },
        { "oversight.access.v1.AccessService", "GetCaller", false, false },
    };

    private static readonly FileDescriptor[] Files =
    [
        IngestionReflection.Descriptor,
        MetricsReflection.Descriptor,
        ComplianceReflection.Descriptor,
        Oversight.Contracts.Access.V1.AccessReflection.Descriptor,
        Oversight.Contracts.Push.V1.PushReflection.Descriptor,
    ];

    private static ServiceDescriptor Service(string fullName) =>
        Files.SelectMany(f => f.Services).Single(s => s.FullName == fullName);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Method_InProtos_HasExpectedStreamingShape(string service, string method, bool clientStreaming, bool serverStreaming)
    {
        var descriptor = Service(service).FindMethodByName(method);

        Assert.NotNull(descriptor);
        Assert.Equal(clientStreaming, descriptor.IsClientStreaming);
        Assert.Equal(serverStreaming, descriptor.IsServerStreaming);
    }

    [Fact]
    public void Services_EveryMethod_IsListedInTheShapeTable()
    {
        var listed = Methods.Select(row => $"{row[0]}/{row[1]}").ToHashSet();
        var declared = Files.SelectMany(f => f.Services).SelectMany(s => s.Methods).Select(m => $"{m.Service.FullName}/{m.Name}").ToList();
        var unlisted = declared.Where(m => !listed.Contains(m)).ToList();

        Assert.Equal(listed.Count, declared.Count);
        Assert.True(unlisted.Count == 0, "not in the shape table: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void OversightPackages_AreVersionedV1()
    {
        foreach (var file in Files.Append(Oversight.Contracts.Common.V1.CommonReflection.Descriptor))
        {
            Assert.Matches(@"^oversight\.[a-z]+\.v1$", file.Package);
        }
    }
}
