using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oversight.Rpc.Client;
using Oversight.Rpc.Clients;

namespace Oversight.Ingestion.Tests;

/// <summary>The real ingestion host on 127.0.0.1 with its SQLite file in a folder of the test's own.</summary>
public sealed class IngestionHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestionHost(WebApplication app, Uri address, string dataDirectory)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        Channel = GrpcChannel.ForAddress(address);
        Client = new IngestionClient(Channel);
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public GrpcChannel Channel { get; }

    public IngestionClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<IngestionHost> StartAsync(string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("oversight-ingestion-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Platform:DataDirectory"] = dataDirectory;
        builder.Configuration["Ingestion:Endpoint:Address"] = "127.0.0.1";
        builder.Configuration["Ingestion:Endpoint:Port"] = "0";
        builder.Configuration["Ingestion:MaxContentBytes"] = "200000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }
        builder.AddIngestion();
        var app = builder.Build();
        app.MapIngestion();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestionHost(app, new Uri(address), dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
