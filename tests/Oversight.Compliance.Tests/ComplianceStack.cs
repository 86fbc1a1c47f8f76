using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly TempFolder? _ownData;

    private ComplianceStack(RunningHost ingestion, RunningHost compliance, string dataDirectory, TempFolder? ownData)
    {
        IngestionHost = ingestion;
        ComplianceHost = compliance;
        _ownData = ownData;
        DataDirectory = dataDirectory;
        var ingestionChannel = GrpcChannel.ForAddress(ingestion.Address);
        var complianceChannel = GrpcChannel.ForAddress(compliance.Address);
        _channels.AddRange([ingestionChannel, complianceChannel]);
        Ingestion = new IngestionService.IngestionServiceClient(ingestionChannel);
        Compliance = new ComplianceService.ComplianceServiceClient(complianceChannel);
        Push = new Oversight.Contracts.Push.V1.PushService.PushServiceClient(complianceChannel);
    }

    public RunningHost IngestionHost { get; }

    public RunningHost ComplianceHost { get; }

    public string DataDirectory { get; }

    public IngestionService.IngestionServiceClient Ingestion { get; }

    public ComplianceService.ComplianceServiceClient Compliance { get; }

    public Oversight.Contracts.Push.V1.PushService.PushServiceClient Push { get; }

    public IServiceProvider Services => ComplianceHost.Services;

    /// <summary>
    /// Both hosts; the shipped registry is seeded only when a test needs it (it takes a second). On a folder of their own,
    /// deleted with the stack, unless the test gives one it keeps using after the stack is gone.
    /// </summary>
    public static async Task<ComplianceStack> StartAsync(bool seedRegistry = false, IDictionary<string, string?>? settings = null, TempFolder? data = null,
        TimeProvider? time = null, Action<IServiceCollection>? replace = null, TimeProvider? ingestionTime = null)
    {
        var ownData = data is null ? TempFolder.Create("oversight-compliance-") : null;
        var directory = (data ?? ownData!).Path;
        var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            a => Oversight.Ingestion.Extensions.MapIngestion(a), directory, time: ingestionTime);
        var all = new Dictionary<string, string?>
        {
            ["Compliance:Ingestion"] = ingestion.Address.ToString(),
            ["Compliance:SeedRegistry"] = seedRegistry ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        // Registered after the service's own, so that a test's stand-in (a resolver in place of DNS) is the one resolved.
        var compliance = await ServiceHosts.StartAsync(Extensions.Section, b =>
        {
            b.AddCompliance();
            replace?.Invoke(b.Services);
        }, a => a.MapCompliance(), directory, all, time: time);
        return new ComplianceStack(ingestion, compliance, directory, ownData);
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
        if (_ownData is not null)
        {
            await _ownData.DisposeAsync();
        }
    }
}
