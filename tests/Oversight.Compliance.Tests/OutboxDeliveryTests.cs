using Oversight.Contracts.Compliance.V1;
using Oversight.Testing;

namespace Oversight.Compliance.Tests;

/// <summary>Ingestion's outbox against the real compliance service, stopped and started again.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task Submit_ComplianceDown_AcceptedAndCheckedOnceComplianceIsBack()
    {
        var port = FreePorts.Next();
        await using var folder = TempFolder.Create("oversight-compliance-outbox-");
        var directory = folder.Path;
        await using var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            a => Oversight.Ingestion.Extensions.MapIngestion(a), directory,
            new Dictionary<string, string?>
            {
                ["Ingestion:Outbox:Compliance"] = $"http://127.0.0.1:{port}",
                ["Ingestion:Outbox:PollInterval"] = "00:00:00.100",
                ["Ingestion:Outbox:MaxBackoff"] = "00:00:00.300",
                ["Ingestion:Outbox:BreakDuration"] = "00:00:00.500",
            });
        var settings = new Dictionary<string, string?>
        {
            ["Compliance:Ingestion"] = ingestion.Address.ToString(),
            ["Compliance:SeedRegistry"] = "false",
            ["Compliance:Endpoint:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Compliance:Endpoint:HttpPort"] = "0",
        };
        using var ingestionChannel = global::Grpc.Net.Client.GrpcChannel.ForAddress(ingestion.Address);
        var client = new Oversight.Contracts.Ingestion.V1.IngestionService.IngestionServiceClient(ingestionChannel);

        foreach (var seed in SampleReports.All)
        {
            await client.SubmitReportAsync(
                new Oversight.Contracts.Ingestion.V1.SubmitReportRequest { Content = Google.Protobuf.ByteString.CopyFrom(SampleReports.Bytes(seed)) });
        }
        await using var compliance = await ServiceHosts.StartAsync(Extensions.Section, b => b.AddCompliance(), a => a.MapCompliance(), directory, settings);
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(compliance.Address);
        var complianceClient = new Oversight.Contracts.Compliance.V1.ComplianceService.ComplianceServiceClient(channel);

        // Bounded: 1 + 4 + 0 + 4 + 1 findings once every notification is delivered, or the test fails after 20 s.
        var listed = await Eventually.UntilAsync(
            async () => await complianceClient.ListFindingsAsync(new ListFindingsRequest { PageSize = 100 }),
            l => l.Findings.Count >= 10, TimeSpan.FromSeconds(20), "ten findings");
        Assert.Equal(10, listed.Findings.Count);
    }
}
