using System.Text;
using Google.Protobuf;
using Grpc.Net.Client;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Watching.V1;
using Oversight.Testing;

namespace Oversight.Watching.Tests;

/// <summary>Ingestion, compliance and the watcher as production runs them, on 127.0.0.1, each with its own database in one folder.</summary>
public sealed class WatchStack : IAsyncDisposable
{
    private readonly TempFolder _data;
    private readonly List<RunningHost> _hosts;
    private readonly List<GrpcChannel> _channels = [];

    private WatchStack(TempFolder data, List<RunningHost> hosts)
    {
        _data = data;
        _hosts = hosts;
        Ingestion = new IngestionService.IngestionServiceClient(Channel(hosts[0]));
        Compliance = new ComplianceService.ComplianceServiceClient(Channel(hosts[1]));
        Watching = new WatchingService.WatchingServiceClient(Channel(hosts[2]));
    }

    public IngestionService.IngestionServiceClient Ingestion { get; }

    public ComplianceService.ComplianceServiceClient Compliance { get; }

    public WatchingService.WatchingServiceClient Watching { get; }

    public Uri WatchingAddress => _hosts[2].Address;

    /// <summary>
    /// The three hosts; the watcher on <paramref name="watcherTime"/> when given (its fetch times, hence its sightings); their
    /// logs to <paramref name="logs"/> when given.
    /// </summary>
    public static async Task<WatchStack> StartAsync(IDictionary<string, string?> watching, TimeProvider? watcherTime = null,
        CapturingLoggerProvider? logs = null)
    {
        var data = TempFolder.Create("oversight-watching-");
        var hosts = new List<RunningHost>();
        try
        {
            hosts.Add(await ServiceHosts.StartAsync(Oversight.Ingestion.Extensions.Section, b => Oversight.Ingestion.Extensions.AddIngestion(b),
                a => Oversight.Ingestion.Extensions.MapIngestion(a), data.Path, logs: logs));
            hosts.Add(await ServiceHosts.StartAsync(Oversight.Compliance.Extensions.Section, b => Oversight.Compliance.Extensions.AddCompliance(b),
                a => Oversight.Compliance.Extensions.MapCompliance(a), data.Path,
                new Dictionary<string, string?> { ["Compliance:Ingestion"] = hosts[0].Address.ToString(), ["Compliance:SeedRegistry"] = "false" },
                logs));
            var settings = new Dictionary<string, string?>(watching)
            {
                ["Watching:Ingestion"] = hosts[0].Address.ToString(),
                ["Watching:Compliance"] = hosts[1].Address.ToString(),
                ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            };
            hosts.Add(await ServiceHosts.StartAsync(Extensions.Section, b => b.AddWatching(), a => a.MapWatching(), data.Path, settings, logs, watcherTime));
            return new WatchStack(data, hosts);
        }
        catch
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
            data.Dispose();
            throw;
        }
    }

    public async Task ImportRegistryAsync(string csv)
    {
        using var call = Compliance.ImportRegistry();
        await call.RequestStream.WriteAsync(new ImportRegistryRequest { CsvChunk = ByteString.CopyFrom(Encoding.UTF8.GetBytes(csv)) });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Assert.Empty(response.Errors);
    }

    private GrpcChannel Channel(RunningHost host)
    {
        var channel = GrpcChannel.ForAddress(host.Address);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
        await _data.DisposeAsync();
    }
}
