using Google.Protobuf;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;
using Oversight.Contracts.Compliance.V1;

namespace Oversight.Compliance.Tests;

/// <summary>The real ingestion and compliance hosts on 127.0.0.1, compliance fetching from ingestion over gRPC.</summary>
public sealed class ComplianceStack : IAsyncDisposable
{
    private readonly List<IDisposable> _channels = [];
    private readonly TempFolder _data;

    private ComplianceStack(RunningHost ingestion, RunningHost compliance, TempFolder data)
    {
        IngestionHost = ingestion;
        ComplianceHost = compliance;
        _data = data;
        DataDirectory = data.Path;
        var ingestionChannel = GrpcChannel.ForAddress(ingestion.Address);
        var complianceChannel = GrpcChannel.ForAddress(compliance.Address);
        _channels.AddRange([ingestionChannel, complianceChannel]);
        Ingestion = new IngestionService.IngestionServiceClient(ingestionChannel);
        Compliance = new ComplianceService.ComplianceServiceClient(complianceChannel);
    }

    public RunningHost IngestionHost { get; }

    public RunningHost ComplianceHost { get; }

    public string DataDirectory { get; }

    public IngestionService.IngestionServiceClient Ingestion { get; }

    public ComplianceService.ComplianceServiceClient Compliance { get; }

    public IServiceProvider Services => ComplianceHost.Services;

    /// <summary>Both hosts; the shipped registry is seeded only when a test needs it (it takes a second).</summary>
    public static async Task<ComplianceStack> StartAsync(bool seedRegistry = false, IDictionary<string, string?>? settings = null)
    {
        var data = TempFolder.Create("oversight-compliance-");
        var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b), a => Oversight.Ingestion.Extensions.MapIngestion(a), data.Path);
        var all = new Dictionary<string, string?>
        {
            ["Compliance:Ingestion"] = ingestion.Address.ToString(),
            ["Compliance:SeedRegistry"] = seedRegistry ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var compliance = await ServiceHosts.StartAsync(Extensions.Section, b => b.AddCompliance(), a => a.MapCompliance(), data.Path, all);
        return new ComplianceStack(ingestion, compliance, data);
    }

    public async Task<SubmitReportResponse> SubmitAsync(string seed, string? text = null, DateTimeOffset? publishedAt = null) =>
        await Ingestion.SubmitReportAsync(new SubmitReportRequest
        {
            Content = text is null ? ByteString.CopyFrom(SampleReports.Bytes(seed)) : ByteString.CopyFromUtf8(text),
            PublishedAt = publishedAt is { } at ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at) : null,
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        await ComplianceHost.DisposeAsync();
        await IngestionHost.DisposeAsync();
        await _data.DisposeAsync();
    }
}
