using Microsoft.Extensions.Options;
using Oversight.WebConsole.Session;
using Oversight.Contracts.Access.V1;
using Oversight.Contracts.Compliance.V1;
using Oversight.Contracts.Ingestion.V1;
using Oversight.Contracts.Metrics.V1;
using Oversight.ServiceDefaults.Clients;

namespace Oversight.WebConsole.Services;

/// <summary>
/// The services as the console calls them: one channel per service, each call carrying the signed-in user's key (read
/// from the request's session) as its credentials, with the default deadline. The console never holds a key of its own, nor
/// a client certificate: its channels only trust the servers' authority (<see cref="ClientTransport"/> from the Access section).
/// </summary>
public sealed class ConsoleClients : IDisposable
{
    private readonly ServiceChannel _ingestion;
    private readonly ServiceChannel _metrics;
    private readonly ServiceChannel _compliance;

    public ConsoleClients(IOptions<ConsoleOptions> options, IHttpContextAccessor http, ClientTransport transport)
    {
        var o = options.Value;
        string? Key() => ConsoleUser.KeyOf(http.HttpContext);
        _ingestion = ServiceChannel.For(o.Ingestion, Key, transport);
        _metrics = ServiceChannel.For(o.Metrics, Key, transport);
        _compliance = ServiceChannel.For(o.Compliance, Key, transport);
    }

    public IngestionService.IngestionServiceClient Ingestion => new(_ingestion);

    public MetricsService.MetricsServiceClient Metrics => new(_metrics);

    public ComplianceService.ComplianceServiceClient Compliance => new(_compliance);

    public AccessService.AccessServiceClient Access => new(_compliance);

    /// <summary>The access service called with a key that is not (yet) the session's: sign-in checks the key typed in.</summary>
    public static AccessService.AccessServiceClient AccessWith(string address, string key, ClientTransport transport, out IDisposable channel)
    {
        var owned = ServiceChannel.For(address, () => key, transport);
        channel = owned;
        return new AccessService.AccessServiceClient(owned);
    }

    public void Dispose()
    {
        _ingestion.Dispose();
        _metrics.Dispose();
        _compliance.Dispose();
    }
}
