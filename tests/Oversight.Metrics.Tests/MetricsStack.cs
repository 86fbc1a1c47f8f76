using Google.Protobuf;
using Oversight.Contracts.Ingestion.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;
using Oversight.Contracts.Metrics.V1;

namespace Oversight.Metrics.Tests;

/// <summary>The real ingestion and metrics hosts on 127.0.0.1, metrics fetching from ingestion over gRPC.</summary>
public sealed class MetricsStack : IAsyncDisposable
{
    private readonly List<IDisposable> _channels = [];
    private readonly TempFolder _data;

    private MetricsStack(RunningHost ingestion, RunningHost? metrics, TempFolder data)
    {
        IngestionHost = ingestion;
        MetricsHost = metrics;
        _data = data;
        DataDirectory = data.Path;
        var ingestionChannel = GrpcChannel.ForAddress(ingestion.Address);
        _channels.Add(ingestionChannel);
        Ingestion = new IngestionService.IngestionServiceClient(ingestionChannel);
    }

    public RunningHost IngestionHost { get; }

    public RunningHost? MetricsHost { get; private set; }

    public string DataDirectory { get; }

    public IngestionService.IngestionServiceClient Ingestion { get; }

    public MetricsService.MetricsServiceClient Metrics { get; private set; } = null!;

    public IServiceProvider MetricsServices => MetricsHost!.Services;

    public int MetricsPort { get; private set; }

    /// <summary>Starts both; with <paramref name="outbox"/>, ingestion's outbox delivers to this metrics host (on a port chosen up front).</summary>
    public static async Task<MetricsStack> StartAsync(IDictionary<string, string?>? metricsSettings = null, bool outbox = false)
    {
        var data = TempFolder.Create("oversight-metrics-");
        var port = outbox ? FreePorts.Next() : 0;
        var ingestionSettings = new Dictionary<string, string?>();
        if (outbox)
        {
            ingestionSettings["Ingestion:Outbox:Metrics"] = $"http://127.0.0.1:{port}";
            ingestionSettings["Ingestion:Outbox:PollInterval"] = "00:00:00.100";
            ingestionSettings["Ingestion:Outbox:MaxBackoff"] = "00:00:00.300";
            ingestionSettings["Ingestion:Outbox:BreakDuration"] = "00:00:00.500";
        }
        var ingestion = await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
            app => Oversight.Ingestion.Extensions.MapIngestion(app), data.Path, ingestionSettings);
        var stack = new MetricsStack(ingestion, null, data);
        await stack.StartMetricsAsync(metricsSettings, port);
        return stack;
    }

    /// <summary>(Re)starts the metrics host on the same data folder; port 0 unless given.</summary>
    public async Task StartMetricsAsync(IDictionary<string, string?>? settings = null, int port = 0)
    {
        var all = new Dictionary<string, string?>
        {
            ["Metrics:Ingestion"] = IngestionHost.Address.ToString(),
            ["Metrics:Endpoint:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Metrics:Endpoint:HttpPort"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        MetricsHost = await ServiceHosts.StartAsync(Extensions.Section, b => b.AddMetrics(), app => app.MapMetrics(), DataDirectory, all);
        MetricsPort = MetricsHost.Address.Port;
        var channel = GrpcChannel.ForAddress(MetricsHost.Address);
        _channels.Add(channel);
        Metrics = new MetricsService.MetricsServiceClient(channel);
    }

    public async Task StopMetricsAsync()
    {
        if (MetricsHost is not null)
        {
            await MetricsHost.DisposeAsync();
            MetricsHost = null;
        }
    }

    public async Task<SubmitReportResponse> SubmitAsync(string seed, string? code = null, int year = 0, string? text = null)
    {
        var request = new SubmitReportRequest
        {
            Content = text is null ? ByteString.CopyFrom(SampleReports.Bytes(seed)) : ByteString.CopyFromUtf8(text),
            JurisdictionCode = code ?? "",
            ReportYear = year,
        };
        return await Ingestion.SubmitReportAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        await StopMetricsAsync();
        await IngestionHost.DisposeAsync();
        await _data.DisposeAsync();
    }
}
