using Grpc.Core;
using Grpc.Net.Client;
using Oversight.ServiceDefaults.Clients;
using Oversight.Testing;
using Oversight.Contracts.Ingestion.V1;

namespace Oversight.Ingestion.Tests;

/// <summary>The real ingestion host on 127.0.0.1 with its SQLite file in a folder of the test's own.</summary>
public sealed class IngestionHost : IAsyncDisposable
{
    private readonly RunningHost _host;
    private readonly TempFolder? _ownFolder;

    private IngestionHost(RunningHost host, string dataDirectory, TempFolder? ownFolder)
    {
        _host = host;
        _ownFolder = ownFolder;
        DataDirectory = dataDirectory;
        Channel = GrpcChannel.ForAddress(host.Address);
        Client = new IngestionService.IngestionServiceClient(Channel);
    }

    public Uri Address => _host.Address;

    public string DataDirectory { get; }

    public GrpcChannel Channel { get; }

    public IngestionService.IngestionServiceClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="services">Registrations made after ingestion's own (the last one wins), e.g. an attachment reader of the test's.</param>
    public static async Task<IngestionHost> StartAsync(string? dataDirectory = null, IDictionary<string, string?>? settings = null,
        Microsoft.Extensions.Logging.ILoggerProvider? logs = null, TimeProvider? time = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        // A folder of its own when the test gives none, deleted with the host; a test's folder stays the test's.
        var ownFolder = dataDirectory is null ? TempFolder.Create("oversight-ingestion-") : null;
        dataDirectory ??= ownFolder!.Path;
        var all = new Dictionary<string, string?> { ["Ingestion:MaxContentBytes"] = "200000" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var host = await ServiceHosts.StartAsync(Extensions.Section, b =>
        {
            b.AddIngestion();
            services?.Invoke(b.Services);
        }, app => app.MapIngestion(), dataDirectory, all, logs, time);
        return new IngestionHost(host, dataDirectory, ownFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _host.DisposeAsync();
        if (_ownFolder is not null)
        {
            await _ownFolder.DisposeAsync();
        }
    }
}
